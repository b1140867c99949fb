package io.gen4j.data.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedCacheTest {

  private static final ImageShape TWO_BY_TWO = new ImageShape(2, 2, 1);

  @TempDir Path root;

  private final AtomicInteger builds = new AtomicInteger();

  /** Three labelled train images (pixels 4i .. 4i+3) and one test image. */
  private Consumer<CacheWriter> threeAndOne() {
    return writer -> {
      builds.incrementAndGet();
      writer.classNames(List.of("even", "odd"));
      SplitWriter train = writer.split(CacheWriter.TRAIN, TWO_BY_TWO, true);
      for (int image = 0; image < 3; image++) {
        train.add(new byte[] {(byte) (4 * image), (byte) (4 * image + 1), (byte) (4 * image + 2), (byte) (4 * image + 3)},
            0, image % 2);
      }
      writer.split(CacheWriter.TEST, TWO_BY_TWO, true).add(new byte[] {9, 9, 9, 9}, 0, 1);
    };
  }

  @Test
  void buildsOnceAndMapsTheEntryAfterwards() {
    PreparedCache cache = new PreparedCache(root);
    String key = PreparedCache.key(List.of("source", "v1"));

    DatasetSplits built = cache.open("numbers", "src", key, threeAndOne());
    DatasetSplits again = new PreparedCache(root).open("numbers", "src", key, threeAndOne());

    assertThat(builds).hasValue(1);
    ImageDataset expected = new ImageDataset("numbers-train", TWO_BY_TWO,
        new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new byte[] {0, 1, 0}, 3).withClassNames(List.of("even", "odd"));
    assertThat(again.train()).isEqualTo(expected);
    assertThat(again.train().checksum()).isEqualTo(expected.checksum()).isEqualTo(built.train().checksum());
    assertThat(again.test().orElseThrow().image(0)).containsExactly(9, 9, 9, 9);
    assertThat(again.name()).isEqualTo("numbers");
    assertThat(cache.entry("numbers", key)).isDirectory().hasFileName("numbers-" + key.substring(0, 16));
  }

  @Test
  void rebuildsADamagedEntry() throws IOException {
    PreparedCache cache = new PreparedCache(root);
    String key = PreparedCache.key(List.of("damaged"));
    cache.open("numbers", "src", key, threeAndOne());
    Path pixels = cache.entry("numbers", key).resolve("train.pixels");
    Files.write(pixels, new byte[5]);

    DatasetSplits rebuilt = cache.open("numbers", "src", key, threeAndOne());

    assertThat(builds).hasValue(2);
    assertThat(rebuilt.train().image(2)).containsExactly(8, 9, 10, 11);
  }

  @Test
  void aFailedBuildLeavesNothingAndANewKeyReplacesTheOldEntryOfItsSource() throws IOException {
    PreparedCache cache = new PreparedCache(root);
    String old = PreparedCache.key(List.of("old"));
    cache.open("numbers", "src", old, threeAndOne());
    cache.open("other", "another source", PreparedCache.key(List.of("x")), threeAndOne());

    assertThatThrownBy(() -> cache.open("numbers", "src", PreparedCache.key(List.of("bad")), writer -> {
          writer.split(CacheWriter.TRAIN, TWO_BY_TWO, false).add(new byte[4], 0);
          throw new DatasetException("corrupt.png: broken");
        }))
        .isInstanceOf(DatasetException.class)
        .hasMessage("corrupt.png: broken");
    assertThat(entries()).hasSize(2);

    String current = PreparedCache.key(List.of("new"));
    cache.open("numbers", "src", current, threeAndOne());

    assertThat(entries()).containsExactlyInAnyOrder(
        cache.entry("numbers", current).getFileName().toString(),
        cache.entry("other", PreparedCache.key(List.of("x"))).getFileName().toString());
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(path -> path.getFileName().toString()).toList();
    }
  }
}
