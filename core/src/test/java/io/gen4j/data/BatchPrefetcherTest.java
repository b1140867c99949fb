package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  /** Ten 1x2 images: image {@code i} has pixels {@code 0, 25 * i + 30} and label {@code i}. */
  private static ImageDataset tenImages() {
    byte[] pixels = new byte[20];
    byte[] labels = new byte[10];
    for (int image = 0; image < 10; image++) {
      pixels[2 * image + 1] = (byte) (25 * image + 30);
      labels[image] = (byte) image;
    }
    return new ImageDataset("ten", new ImageShape(1, 2, 1), pixels, labels, 10);
  }

  @Test
  void returnsTheBatchesOfBatchOrderFromTheStartBatch() {
    ImageDataset dataset = tenImages();
    BatchOrder order = new BatchOrder(10, 3, 99);

    try (BatchPrefetcher prefetcher =
        new BatchPrefetcher(dataset, 3, 99, PixelRange.UNIT, 5)) {
      for (long index = 5; index < 12; index++) {
        Batch batch = prefetcher.next();
        int[] expected = order.indices(index);
        assertThat(batch.index()).isEqualTo(index);
        assertThat(batch.labels()).containsExactly(expected);
        for (int image = 0; image < 3; image++) {
          assertThat(batch.pixels()[2 * image]).isZero();
          assertThat(batch.pixels()[2 * image + 1])
              .isEqualTo(PixelRange.UNIT.fromByte(25 * expected[image] + 30));
        }
      }
    }
  }

  @Test
  void scalesPixelsIntoTheRange() {
    ImageDataset dataset = tenImages();

    try (BatchPrefetcher prefetcher =
        new BatchPrefetcher(dataset, 10, 1, PixelRange.SYMMETRIC, 0, 1)) {
      float[] pixels = prefetcher.next().pixels();

      assertThat(pixels).hasSize(20);
      assertThat(pixels).contains(-1f, 1f);
      for (float pixel : pixels) {
        assertThat(pixel).isBetween(-1f, 1f);
      }
    }
  }

  @Test
  void leavesLabelsOutOfUnlabelledBatches() {
    ImageDataset dataset = tenImages();
    ImageDataset unlabelled =
        new ImageDataset("blank", dataset.shape(), dataset.pixels(), null, 10);

    try (BatchPrefetcher prefetcher = new BatchPrefetcher(unlabelled, 4, 1, PixelRange.UNIT, 0)) {
      assertThat(prefetcher.next().labels()).isNull();
    }
  }

  @Test
  void closesPromptlyWhileTheQueueIsFull() {
    AtomicLong produced = new AtomicLong();
    BatchPrefetcher prefetcher =
        new BatchPrefetcher(
            index -> {
              produced.incrementAndGet();
              return new Batch(index, new float[1], null);
            },
            0,
            2);
    assertThat(prefetcher.next().index()).isZero();
    // Two batches queued and a third one waiting to be put: the producer is blocked.
    assertTimeoutPreemptively(
        PROMPTLY,
        () -> {
          while (produced.get() < 4) {
            Thread.onSpinWait();
          }
        });

    assertTimeoutPreemptively(PROMPTLY, prefetcher::close);

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().equals("gen4j-batch-prefetcher"));
    assertThatThrownBy(prefetcher::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("batch prefetcher is closed");
  }

  @Test
  void rethrowsAProducerFailureInOrder() {
    IllegalStateException boom = new IllegalStateException("boom");
    try (BatchPrefetcher prefetcher =
        new BatchPrefetcher(
            index -> {
              if (index == 3) {
                throw boom;
              }
              return new Batch(index, new float[1], null);
            },
            1,
            2)) {
      assertThat(prefetcher.next().index()).isEqualTo(1);
      assertThat(prefetcher.next().index()).isEqualTo(2);
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(prefetcher::next)
            .isInstanceOf(DatasetException.class)
            .hasMessage("producing batch 3 failed: java.lang.IllegalStateException: boom")
            .hasCause(boom);
      }
    }
  }

  @Test
  void countsTimeSpentWaiting() {
    try (BatchPrefetcher prefetcher =
        new BatchPrefetcher(
            index -> {
              sleep(20);
              return new Batch(index, new float[1], null);
            },
            0,
            1)) {
      prefetcher.next();
      prefetcher.next();

      assertThat(prefetcher.waitNanos()).isGreaterThan(Duration.ofMillis(10).toNanos());
    }
  }

  @Test
  void rejectsANegativeStartBatch() {
    assertThatThrownBy(() -> new BatchPrefetcher(tenImages(), 2, 0, PixelRange.UNIT, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("start batch must not be negative, got -1");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
