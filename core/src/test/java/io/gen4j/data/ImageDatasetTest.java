package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetTest {

  private static final ImageShape TWO_BY_TWO = new ImageShape(2, 2, 1);

  @TempDir Path directory;

  @Test
  void namesBothFilesWhenCountsDiffer() {
    Path images =
        IdxFiles.write(
            directory, "train-images-idx3-ubyte.gz", IdxFiles.images(3, 2, 2, new byte[12]));
    Path labels =
        IdxFiles.write(directory, "train-labels-idx1-ubyte.gz", IdxFiles.labels(2, new byte[2]));

    assertThatThrownBy(() -> ImageDataset.fromIdx("mnist-train", images, labels))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "mnist-train: 3 images in train-images-idx3-ubyte.gz but 2 labels in"
                + " train-labels-idx1-ubyte.gz");
  }

  @Test
  void namesBothStreamsWhenCountsDiffer() {
    ByteArrayInputStream images =
        new ByteArrayInputStream(IdxFiles.images(1, 2, 2, new byte[4]));
    ByteArrayInputStream labels = new ByteArrayInputStream(IdxFiles.labels(0, new byte[0]));

    assertThatThrownBy(() -> ImageDataset.fromIdx("digits", images, "a.idx", labels, "b.idx"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("digits: 1 images in a.idx but 0 labels in b.idx");
  }

  @Test
  void validatesArrayLengths() {
    assertThatThrownBy(() -> new ImageDataset("odd", TWO_BY_TWO, new byte[7], null, 2))
        .isInstanceOf(DatasetException.class)
        .hasMessage("odd: 2 images of 2x2x1 need 8 pixel bytes, got 7");
    assertThatThrownBy(() -> new ImageDataset("odd", TWO_BY_TWO, new byte[8], new byte[3], 2))
        .isInstanceOf(DatasetException.class)
        .hasMessage("odd: 2 images but 3 labels");
  }

  @Test
  void slicesTheFirstImages() {
    byte[] pixels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    ImageDataset dataset = new ImageDataset("three", TWO_BY_TWO, pixels, new byte[] {4, 5, 6}, 3);

    ImageDataset slice = dataset.slice(2);

    assertThat(slice)
        .isEqualTo(
            new ImageDataset(
                "three", TWO_BY_TWO, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {4, 5}, 2));
    assertThat(dataset.slice(3)).isSameAs(dataset);
    assertThatThrownBy(() -> dataset.slice(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 0 and 3 (the size of three), got 4");
  }

  @Test
  void readsLabelsAsUnsigned() {
    ImageDataset dataset =
        new ImageDataset("one", TWO_BY_TWO, new byte[4], new byte[] {(byte) 200}, 1);
    ImageDataset unlabelled = new ImageDataset("blank", TWO_BY_TWO, new byte[4], null, 1);

    assertThat(dataset.label(0)).isEqualTo(200);
    assertThatThrownBy(() -> dataset.label(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> unlabelled.label(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("blank is unlabelled");
  }

  @Test
  void summarizesInsteadOfPrintingArrays() {
    ImageDataset dataset = new ImageDataset("blank", TWO_BY_TWO, new byte[8], null, 2);

    assertThat(dataset).hasToString("ImageDataset[blank: 2 images of 2x2x1, unlabelled]");
    assertThat(dataset)
        .isEqualTo(new ImageDataset("blank", TWO_BY_TWO, new byte[8], null, 2))
        .hasSameHashCodeAs(new ImageDataset("blank", TWO_BY_TWO, new byte[8], null, 2));
  }
}
