package io.gen4j.data.idx;

import static io.gen4j.data.TestFiles.gzip;
import static io.gen4j.data.TestFiles.idx;
import static io.gen4j.data.TestFiles.idxImages;
import static io.gen4j.data.TestFiles.idxLabels;
import static io.gen4j.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.TestContexts;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

  @TempDir Path directory;

  private final IdxDatasetProvider provider = new IdxDatasetProvider();

  private static byte[] ramp(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private DatasetSplits open(IdxConfig config) {
    return provider.open(config, TestContexts.in(directory));
  }

  @Test
  void readsGzipImagesWithLabelsAndATestSplit() {
    Path images = write(directory, "train-images.gz", gzip(idxImages(3, 2, 2, ramp(12))));
    Path labels = write(directory, "train-labels", idxLabels(new byte[] {2, 0, 1}));
    Path testImages = write(directory, "test-images", idxImages(1, 2, 2, new byte[] {7, 7, 7, 7}));
    Path testLabels = write(directory, "test-labels.gz", gzip(idxLabels(new byte[] {1})));

    DatasetSplits splits = open(new IdxConfig(images.toString(), labels.toString(), testImages.toString(),
        testLabels.toString(), List.of("a", "b", "c")));

    assertThat(splits.name()).isEqualTo("idx-train-images");
    assertThat(splits.train().shape()).isEqualTo(new ImageShape(2, 2, 1));
    assertThat(splits.train().pixels()).isEqualTo(ramp(12));
    assertThat(splits.train().labels()).containsExactly(2, 0, 1);
    assertThat(splits.train().classNames()).containsExactly("a", "b", "c");
    assertThat(splits.test().orElseThrow().image(0)).containsExactly(7, 7, 7, 7);
  }

  @Test
  void readsColourImagesWithAChannelDimension() {
    Path images = write(directory, "colour.idx", idx(0x804, new int[] {2, 1, 2, 3}, ramp(12)));

    DatasetSplits splits = open(new IdxConfig(images.toString(), null, null, null, List.of()));

    assertThat(splits.train().shape()).isEqualTo(new ImageShape(1, 2, 3));
    assertThat(splits.train().image(1)).containsExactly(6, 7, 8, 9, 10, 11);
    assertThat(splits.test()).isEmpty();
    assertThat(splits.train().labelled()).isFalse();
  }

  @Test
  void rejectsAHeaderThatClaimsMoreThanTheFileHolds() {
    Path images = write(directory, "lying.idx", idxImages(1_000_000, 28, 28, new byte[784]));

    assertThatThrownBy(() -> open(new IdxConfig(images.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(images + ": the header claims 1000000 images of 28x28 (784000016 bytes with the header), but the"
            + " file holds 800 bytes");
  }

  @Test
  void rejectsATruncatedOrTrailingGzipStream() {
    Path truncated = write(directory, "truncated.gz", gzip(idxImages(3, 2, 2, new byte[10])));
    Path trailing = write(directory, "trailing.gz", gzip(idxImages(1, 2, 2, new byte[6])));

    assertThatThrownBy(() -> open(new IdxConfig(truncated.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(truncated + ": truncated: the header claims 3 images of 2x2, but the data ends in image 2");
    assertThatThrownBy(() -> open(new IdxConfig(trailing.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(trailing + ": unexpected data after the 1 images of 2x2 the header claims");
  }

  @Test
  void namesBothFilesWhenTheLabelCountDiffers() {
    Path images = write(directory, "images.idx", idxImages(3, 1, 1, new byte[3]));
    Path labels = write(directory, "labels.idx", idxLabels(new byte[2]));

    assertThatThrownBy(() -> open(new IdxConfig(images.toString(), labels.toString(), null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(labels + ": 2 labels, but " + images + " holds 3 images");
  }

  @Test
  void namesAMissingFileAndTheWrongKindOfFile() {
    Path missing = directory.resolve("nowhere.idx");
    Path labels = write(directory, "labels.idx", idxLabels(new byte[2]));

    assertThatThrownBy(() -> open(new IdxConfig(missing.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage("data.images: " + missing + ": no such file; expected an IDX image file");
    assertThatThrownBy(() -> open(new IdxConfig(labels.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(labels + ": not an IDX image file: magic 0x00000801, expected 0x00000803 (or 0x00000804 with channels)");
    assertThatThrownBy(() -> open(IdxConfig.DEFAULT))
        .isInstanceOf(DatasetException.class)
        .hasMessage("data.images: required for dataset type idx: the IDX image file");
  }

  @Test
  void rejectsImpossibleDimensions() {
    Path zero = write(directory, "zero.idx", idxImages(1, 0, 5, new byte[0]));
    Path huge = write(directory, "huge.idx", idxImages(1, 65536, 65536, new byte[0]));

    assertThatThrownBy(() -> open(new IdxConfig(zero.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(zero + ": invalid dimensions: 1 images of 0x5");
    assertThatThrownBy(() -> open(new IdxConfig(huge.toString(), null, null, null, List.of())))
        .isInstanceOf(DatasetException.class)
        .hasMessage(huge + ": images of 65536x65536x1 are too large (4294967296 bytes each; at most 67108864)");
  }
}
