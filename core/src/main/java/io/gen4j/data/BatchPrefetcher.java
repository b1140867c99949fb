package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.PixelRange;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongFunction;

/**
 * Assembles batches on one background daemon thread while the model trains, a few batches ahead.
 *
 * <p>{@link #next()} returns batches {@code startBatch, startBatch + 1, ...} in order, as {@link
 * BatchOrder} defines them. A full queue of {@code capacity} batches stops the producer until the
 * consumer catches up. {@link #waitNanos()} tells how long the consumer waited for data: the data
 * stall. One consumer thread calls {@link #next()}; {@link #close()} stops the producer promptly.
 */
public final class BatchPrefetcher implements AutoCloseable {

  /** Batches prepared ahead of the consumer unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 2;

  private static final String THREAD_NAME = "gen4j-batch-prefetcher";

  /** What the producer hands over: a batch, or the failure that ended it. */
  private sealed interface Item {}

  private record Produced(Batch batch) implements Item {}

  private record Failed(Throwable cause, long index) implements Item {}

  private final BlockingQueue<Item> queue;
  private final Thread producer;
  private volatile long waitNanos;
  private volatile boolean closed;
  private long nextIndex;
  private Failed failure;

  /** Prefetches with a queue of {@link #DEFAULT_CAPACITY} batches. */
  public BatchPrefetcher(
      ImageDataset dataset, int batchSize, long seed, PixelRange range, long startBatch) {
    this(dataset, batchSize, seed, range, startBatch, DEFAULT_CAPACITY);
  }

  /**
   * @param dataset the images, and labels if it has them
   * @param batchSize images per batch; see {@link BatchOrder} for the order
   * @param seed decides the order of images in every epoch
   * @param range the interval pixels are scaled into
   * @param startBatch the first global batch to return, 0 for a fresh run
   * @param capacity batches prepared ahead of the consumer, at least 1
   */
  public BatchPrefetcher(
      ImageDataset dataset,
      int batchSize,
      long seed,
      PixelRange range,
      long startBatch,
      int capacity) {
    this(assembler(dataset, batchSize, seed, range), startBatch, capacity);
  }

  /** Prefetches whatever {@code source} makes of each batch number. */
  BatchPrefetcher(LongFunction<Batch> source, long startBatch, int capacity) {
    requireNonNull(source, "source is null");
    if (startBatch < 0) {
      throw new IllegalArgumentException("start batch must not be negative, got " + startBatch);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.nextIndex = startBatch;
    this.producer = new Thread(() -> produce(source, startBatch), THREAD_NAME);
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * The next batch in order, waiting for the producer if it is not ready yet.
   *
   * @throws DatasetException if producing this batch failed (the cause tells why), or if the
   *     calling thread is interrupted while waiting
   * @throws IllegalStateException if this prefetcher is closed
   */
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("batch prefetcher is closed");
    }
    if (failure == null) {
      long start = System.nanoTime();
      Item item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DatasetException("interrupted while waiting for batch " + nextIndex, e);
      } finally {
        waitNanos += System.nanoTime() - start;
      }
      if (item instanceof Produced produced) {
        nextIndex++;
        return produced.batch();
      }
      failure = (Failed) item;
    }
    throw new DatasetException(
        "producing batch " + failure.index() + " failed: " + failure.cause(), failure.cause());
  }

  /** Total nanoseconds the consumer has spent waiting inside {@link #next()}. */
  public long waitNanos() {
    return waitNanos;
  }

  /** Stops the producer thread and waits for it to end; a full queue does not hold it up. */
  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    try {
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void produce(LongFunction<Batch> source, long startBatch) {
    long index = startBatch;
    try {
      while (!closed) {
        queue.put(new Produced(source.apply(index)));
        index++;
      }
    } catch (InterruptedException e) {
      // close() interrupted a full queue: nobody wants further batches.
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failed(e, index));
      } catch (InterruptedException closedMeanwhile) {
        // Closed before the consumer saw the failure: nobody is left to tell.
      }
    }
  }

  private static LongFunction<Batch> assembler(
      ImageDataset dataset, int batchSize, long seed, PixelRange range) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(range, "range is null");
    BatchOrder order = new BatchOrder(dataset.count(), batchSize, seed);
    float[] scaled = new float[256];
    for (int value = 0; value < scaled.length; value++) {
      scaled[value] = range.fromByte(value);
    }
    int imageSize = dataset.shape().size();
    byte[] source = new byte[imageSize];
    return index -> {
      int[] indices = order.indices(index);
      float[] pixels = new float[indices.length * imageSize];
      int[] labels = dataset.labelled() ? new int[indices.length] : null;
      for (int image = 0; image < indices.length; image++) {
        dataset.readImage(indices[image], source, 0);
        int to = image * imageSize;
        for (int offset = 0; offset < imageSize; offset++) {
          pixels[to + offset] = scaled[Byte.toUnsignedInt(source[offset])];
        }
        if (labels != null) {
          labels[image] = dataset.label(indices[image]);
        }
      }
      return new Batch(index, pixels, labels);
    };
  }
}
