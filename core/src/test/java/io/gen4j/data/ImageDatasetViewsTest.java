package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetViewsTest {

  private static final ImageShape ONE_BY_TWO = new ImageShape(1, 2, 1);

  @TempDir Path directory;

  /** Image {@code i} has pixels {@code i, 100 + i}. */
  private static byte[] pixels(int count) {
    byte[] pixels = new byte[2 * count];
    for (int image = 0; image < count; image++) {
      pixels[2 * image] = (byte) image;
      pixels[2 * image + 1] = (byte) (100 + image);
    }
    return pixels;
  }

  @Test
  void readsAMappedFileAcrossChunkBoundaries() throws IOException {
    Path file = Files.write(directory.resolve("ten.pixels"), pixels(10));

    // Chunks of 3 images (6 bytes, a 7-byte limit rounds down to whole images): 4 mappings.
    ImageDataset mapped = ImageDataset.mapped("ten", ONE_BY_TWO, file, 10, 7);

    for (int index = 0; index < 10; index++) {
      assertThat(mapped.image(index)).containsExactly(index, 100 + index);
    }
    assertThat(mapped).isEqualTo(new ImageDataset("ten", ONE_BY_TWO, pixels(10), null, 10));
    assertThat(mapped.checksum()).isEqualTo(new ImageDataset("other name", ONE_BY_TWO, pixels(10), null, 10).checksum());
    assertThatThrownBy(() -> mapped.image(10)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesAMappedFileOfTheWrongLength() throws IOException {
    Path file = Files.write(directory.resolve("short.pixels"), new byte[19]);

    assertThatThrownBy(() -> ImageDataset.mapped("short", ONE_BY_TWO, file, 10, null, List.of(), null))
        .isInstanceOf(DatasetException.class)
        .hasMessage(file + ": holds 19 bytes, expected 20 (10 images of 2 bytes)");
  }

  @Test
  void selectsImagesAsAViewWithADerivedChecksum() {
    byte[] labels = {0, 1, 2, 0, 1, 2};
    ImageDataset all = new ImageDataset("six", ONE_BY_TWO, pixels(6), labels, 6).withClassNames(List.of("a", "b", "c"));

    ImageDataset picked = all.select("picked", new int[] {4, 1});

    assertThat(picked.count()).isEqualTo(2);
    assertThat(picked.image(0)).containsExactly(4, 104);
    assertThat(picked.image(1)).containsExactly(1, 101);
    assertThat(picked.labels()).containsExactly(1, 1);
    assertThat(picked.classNames()).containsExactly("a", "b", "c");
    assertThat(picked.checksum())
        .isEqualTo(all.select("same selection", new int[] {4, 1}).checksum())
        .isNotEqualTo(all.select("other", new int[] {1, 4}).checksum())
        .isNotEqualTo(all.checksum());
    assertThat(all.slice(3).checksum()).isNotEqualTo(all.checksum()).isEqualTo(all.slice(3).checksum());
  }

  @Test
  void checksumCoversPixelsLabelsAndShape() {
    ImageDataset dataset = new ImageDataset("a", ONE_BY_TWO, pixels(3), new byte[] {0, 1, 0}, 3);

    assertThat(dataset.checksum()).matches("[0-9a-f]{64}")
        .isNotEqualTo(new ImageDataset("a", ONE_BY_TWO, pixels(3), new byte[] {0, 1, 1}, 3).checksum())
        .isNotEqualTo(new ImageDataset("a", ONE_BY_TWO, pixels(3), null, 3).checksum())
        .isNotEqualTo(new ImageDataset("a", new ImageShape(2, 1, 1), pixels(3), new byte[] {0, 1, 0}, 3).checksum());
    assertThat(ImageDataset.checksum(dataset)).isEqualTo(dataset.checksum());
    assertThat(ImageDataset.checksum(dataset, dataset.slice(1)))
        .isNotEqualTo(ImageDataset.checksum(dataset.slice(1), dataset));
  }

  @Test
  void classNamesMustCoverEveryLabel() {
    ImageDataset dataset = new ImageDataset("three", ONE_BY_TWO, pixels(3), new byte[] {0, 2, 1}, 3);

    assertThat(dataset.classCount()).isEqualTo(3);
    assertThat(dataset.withClassNames(List.of("x", "y", "z", "w")).classCount()).isEqualTo(4);
    assertThatThrownBy(() -> dataset.withClassNames(List.of("x", "y")))
        .isInstanceOf(DatasetException.class)
        .hasMessage("three: image 1 has label 2, but there are only 2 class names");
    assertThatThrownBy(() -> new ImageDataset("blank", ONE_BY_TWO, pixels(3), null, 3).withClassNames(List.of("x")))
        .isInstanceOf(DatasetException.class)
        .hasMessage("blank: class names given for an unlabelled dataset");
  }
}
