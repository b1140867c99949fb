package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  /** Three 2x3 images whose bytes cover the unsigned range. */
  private static final byte[] PIXELS = {
    0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 60, (byte) 200, (byte) 210, (byte) 220, (byte) 230,
    (byte) 240, (byte) 255
  };

  private static final byte[] LABELS = {7, 0, (byte) 255};

  @TempDir Path directory;

  @Test
  void readsRawFilesBack() {
    Path images = IdxFiles.write(directory, "images-idx3", IdxFiles.images(3, 2, 3, PIXELS));
    Path labels = IdxFiles.write(directory, "labels-idx1", IdxFiles.labels(3, LABELS));

    ImageDataset dataset = IdxReader.readImages(images);

    assertThat(dataset.shape()).isEqualTo(new ImageShape(2, 3, 1));
    assertThat(dataset.count()).isEqualTo(3);
    assertThat(dataset.pixels()).isEqualTo(PIXELS);
    assertThat(dataset.labelled()).isFalse();
    assertThat(IdxReader.readLabels(labels)).isEqualTo(LABELS);
  }

  @Test
  void detectsGzipByContentNotByName() {
    Path images =
        IdxFiles.write(directory, "images.raw", IdxFiles.gzip(IdxFiles.images(3, 2, 3, PIXELS)));
    Path labels =
        IdxFiles.write(directory, "labels.raw", IdxFiles.gzip(IdxFiles.labels(3, LABELS)));

    ImageDataset dataset = ImageDataset.fromIdx("tiny", images, labels);

    assertThat(dataset.pixels()).isEqualTo(PIXELS);
    assertThat(dataset.labels()).isEqualTo(LABELS);
    assertThat(dataset.label(2)).isEqualTo(255);
  }

  @Test
  void readsStreams() {
    byte[] gzipped = IdxFiles.gzip(IdxFiles.images(3, 2, 3, PIXELS));

    ImageDataset dataset = IdxReader.readImages(new ByteArrayInputStream(gzipped), "stream.gz");

    assertThat(dataset.name()).isEqualTo("stream.gz");
    assertThat(dataset.pixels()).isEqualTo(PIXELS);
  }

  @Test
  void namesTheFileOfTruncatedPixels() {
    byte[] file = IdxFiles.images(60000, 28, 28, new byte[1234]);

    assertThatThrownBy(
            () -> IdxReader.readImages(new ByteArrayInputStream(file), "train-images-idx3-ubyte"))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "train-images-idx3-ubyte: truncated: expected 47040000 pixel bytes for 60000 images"
                + " of 28x28, found 1234");
  }

  @Test
  void namesTheFileOfATruncatedGzipFile() {
    Path labels =
        IdxFiles.write(directory, "labels.gz", IdxFiles.gzip(IdxFiles.labels(10, new byte[4])));

    assertThatThrownBy(() -> IdxReader.readLabels(labels))
        .isInstanceOf(DatasetException.class)
        .hasMessage(labels + ": truncated: expected 10 label bytes, found 4");
  }

  @Test
  void reportsATruncatedHeader() {
    byte[] file = Arrays.copyOf(IdxFiles.images(1, 2, 3, new byte[6]), 9);

    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(file), "short"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("short: truncated: expected a 16-byte header, found 9 bytes");
  }

  @Test
  void rejectsLabelsReadAsImages() {
    byte[] file = IdxFiles.labels(3, LABELS);

    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(file), "labels.idx"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("labels.idx: not an IDX image file: magic 0x00000801, expected 0x00000803");
  }

  @Test
  void rejectsImagesReadAsLabels() {
    byte[] file = IdxFiles.images(3, 2, 3, PIXELS);

    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(file), "images.idx"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("images.idx: not an IDX label file: magic 0x00000803, expected 0x00000801");
  }

  @Test
  void rejectsNegativeAndAbsurdDimensions() {
    byte[] negative = IdxFiles.images(-5, 28, 28, new byte[0]);
    byte[] absurd = IdxFiles.images(100000, 1000, 1000, new byte[0]);

    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(negative), "negative"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("negative: invalid dimensions: -5 images of 28x28");
    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(absurd), "absurd"))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "absurd: too large: 100000 images of 1000x1000 need 100000000000 bytes, more than"
                + " one array holds (2147483639)");
  }

  @Test
  void rejectsTrailingData() {
    byte[] file = IdxFiles.labels(3, new byte[5]);

    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(file), "long"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("long: unexpected data after the 3 label bytes");
  }

  @Test
  void namesAMissingFile() {
    Path missing = directory.resolve("missing.gz");

    assertThatThrownBy(() -> IdxReader.readImages(missing))
        .isInstanceOf(DatasetException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void aTwoByteFileSaysWhatIsWrong() {
    byte[] gzipMagic = {0x1f, (byte) 0x8b};
    byte[] plain = {0, 0};

    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(gzipMagic), "two.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("two.gz: truncated: the file ends inside its gzip header");
    assertThatThrownBy(() -> IdxReader.readImages(new ByteArrayInputStream(plain), "two"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("two: truncated: expected a 16-byte header, found 2 bytes");
  }

  @Test
  void refusesBytesAfterTheGzipStream() {
    byte[] valid = IdxFiles.gzip(IdxFiles.labels(3, LABELS));
    byte[] garbage = concat(valid, new byte[] {1, 2, 3});
    byte[] twoMembers = concat(valid, IdxFiles.gzip(new byte[] {4}));

    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(garbage), "garbage.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("garbage.gz: unexpected data after the end of the gzip stream");
    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(twoMembers), "two-members.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("two-members.gz: unexpected data after the end of the gzip stream");
  }

  @Test
  void refusesCorruptGzipData() {
    byte[] gzipped = IdxFiles.gzip(IdxFiles.labels(3, LABELS));
    byte[] badCrc = gzipped.clone();
    badCrc[badCrc.length - 8] ^= 1;
    byte[] cut = Arrays.copyOf(gzipped, gzipped.length - 4);

    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(badCrc), "crc.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("crc.gz: corrupt gzip data: CRC-32 mismatch");
    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(cut), "cut.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("cut.gz: truncated: the file ends inside its gzip trailer");
  }

  @Test
  void stopsInflatingABombAtTheSizeTheHeaderPromises() throws Exception {
    // 1000 labels promised, then 200 MB of zeros that deflate to about 200 KB.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(IdxFiles.labels(1000, new byte[0]));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        gzip.write(zeros);
      }
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(bomb.toByteArray()), "bomb.gz"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("bomb.gz: unexpected data after the 1000 label bytes");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(8L << 20);
  }

  @Test
  void refusesAClaimNoFileCanHold() {
    Path plain = IdxFiles.write(directory, "claims-plain", IdxFiles.images(60000, 28, 28, new byte[100]));
    Path gzipped = IdxFiles.write(directory, "claims.gz", IdxFiles.gzip(IdxFiles.images(60000, 28, 28, new byte[100])));

    assertThatThrownBy(() -> IdxReader.readImages(plain))
        .isInstanceOf(DatasetException.class)
        .hasMessage(plain + ": truncated: the header claims 47040000 pixel bytes for 60000 images of 28x28, but the"
            + " file has only 116 bytes");
    assertThatThrownBy(() -> IdxReader.readImages(gzipped))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(gzipped + ": truncated: the header claims 47040000 pixel bytes for 60000 images of"
            + " 28x28, but the compressed file has only ");
  }

  @Test
  void refusesLabelsOutsideTheClasses() {
    byte[] file = IdxFiles.labels(3, new byte[] {9, 3, 12});

    assertThat(IdxReader.readLabels(new ByteArrayInputStream(IdxFiles.labels(2, new byte[] {9, 0})), "ok", 10))
        .containsExactly(9, 0);
    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(file), "labels.idx", 10))
        .isInstanceOf(DatasetException.class)
        .hasMessage("labels.idx: label 12 of image 2 is outside the 10 classes (0 to 9)");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
