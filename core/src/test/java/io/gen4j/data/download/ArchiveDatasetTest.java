package io.gen4j.data.download;

import static io.gen4j.data.TestFiles.gzip;
import static io.gen4j.data.TestFiles.idxImages;
import static io.gen4j.data.TestFiles.idxLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.TestContexts;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 and EMNIST from archives made here, in their publishers' layouts, served on the loopback. */
class ArchiveDatasetTest {

  @TempDir java.nio.file.Path directory;

  private final LoopbackServer server = new LoopbackServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** A CIFAR record: the label, then the red plane (all {@code red}), green (pixel index) and blue (255). */
  static byte[] cifarRecord(int label, int red) {
    byte[] record = new byte[Cifar10Provider.RECORD_BYTES];
    record[0] = (byte) label;
    for (int pixel = 0; pixel < 1024; pixel++) {
      record[1 + pixel] = (byte) red;
      record[1 + 1024 + pixel] = (byte) pixel;
      record[1 + 2048 + pixel] = (byte) 255;
    }
    return record;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  /** A gzip tar of the given entries, in the given order. */
  static byte[] tarGz(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A small archive in CIFAR-10's binary layout, its second batch first. */
  static byte[] cifarArchive() {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    entries.put("cifar-10-batches-bin/data_batch_2.bin", concat(cifarRecord(3, 30), cifarRecord(4, 40)));
    entries.put("cifar-10-batches-bin/data_batch_1.bin", concat(cifarRecord(1, 10), cifarRecord(2, 20)));
    entries.put("cifar-10-batches-bin/test_batch.bin", cifarRecord(9, 90));
    return tarGz(entries);
  }

  @Test
  void readsCifarBinaryBatchesInOrderAsHwcImages() {
    byte[] archive = cifarArchive();
    server.serve("/cifar/" + Cifar10Provider.ARCHIVE, archive);
    Cifar10Provider provider = new Cifar10Provider(Cifar10Provider.DATASET.withOfficialBase(server.url("/cifar"))
        .withFiles(List.of(RemoteFile.of(Cifar10Provider.ARCHIVE, archive.length,
            NamedDatasetDownloadTest.sha256(archive)))), new Downloader(Duration.ofSeconds(2), Duration.ofSeconds(5)));

    DatasetSplits splits = provider.open(NamedDatasetConfig.DEFAULT, TestContexts.in(directory));

    assertThat(splits.train().shape()).isEqualTo(new ImageShape(32, 32, 3));
    assertThat(splits.train().labels()).containsExactly(1, 2, 3, 4);
    assertThat(splits.train().classNames()).startsWith("airplane", "automobile").hasSize(10);
    byte[] third = splits.train().image(2);
    assertThat(new int[] {third[0], third[1], third[2]}).containsExactly(30, 0, -1);
    assertThat(new int[] {third[3 * 33], third[3 * 33 + 1] & 0xff, third[3 * 33 + 2] & 0xff}).containsExactly(30, 33, 255);
    assertThat(splits.test().orElseThrow().labels()).containsExactly(9);
  }

  @Test
  void refusesAnArchiveWithoutTheBatchesOrWithBrokenRecords() {
    java.nio.file.Path noTest = io.gen4j.data.TestFiles.write(directory, "no-test.tar.gz",
        tarGz(Map.of("cifar-10-batches-bin/data_batch_1.bin", cifarRecord(1, 1))));
    java.nio.file.Path broken = io.gen4j.data.TestFiles.write(directory, "broken.tar.gz", tarGz(Map.of(
        "b/data_batch_1.bin", new byte[100], "b/test_batch.bin", cifarRecord(1, 1))));
    java.nio.file.Path badLabel = io.gen4j.data.TestFiles.write(directory, "label.tar.gz", tarGz(Map.of(
        "b/data_batch_1.bin", cifarRecord(12, 1), "b/test_batch.bin", cifarRecord(1, 1))));
    io.gen4j.data.cache.PreparedCache cache = new io.gen4j.data.cache.PreparedCache(directory.resolve("cache"));

    assertThatThrownBy(() -> cache.open("c", "c", "k1", writer -> Cifar10Provider.readArchive(noTest, writer)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(noTest + ": expected data_batch_1.bin ... and test_batch.bin of CIFAR-10's binary version, found no"
            + " test_batch.bin");
    assertThatThrownBy(() -> cache.open("c", "c", "k2", writer -> Cifar10Provider.readArchive(broken, writer)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(broken + "!b/data_batch_1.bin: 100 bytes, not a whole number of 3073-byte records (a label and a"
            + " 32x32x3 image)");
    assertThatThrownBy(() -> cache.open("c", "c", "k3", writer -> Cifar10Provider.readArchive(badLabel, writer)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(badLabel + "!b/data_batch_1.bin: record 0 has label 12; expected 0 to 9");
  }

  /** A zip in NIST's EMNIST layout with the balanced split's four files (2x2 images). */
  static byte[] emnistZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
      entries.put("gzip/emnist-balanced-train-images-idx3-ubyte.gz", gzip(idxImages(1, 2, 2, new byte[] {1, 2, 3, 4})));
      entries.put("gzip/emnist-balanced-train-labels-idx1-ubyte.gz", gzip(idxLabels(new byte[] {46})));
      entries.put("gzip/emnist-balanced-test-images-idx3-ubyte.gz", gzip(idxImages(1, 2, 2, new byte[] {5, 6, 7, 8})));
      entries.put("gzip/emnist-balanced-test-labels-idx1-ubyte.gz", gzip(idxLabels(new byte[] {0})));
      entries.put("gzip/emnist-letters-train-images-idx3-ubyte.gz", gzip(idxImages(0, 2, 2, new byte[0])));
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void readsEmnistBalancedFromNistsZipAndTurnsImagesUpright() {
    byte[] zip = emnistZip();
    server.serve("/nist/" + EmnistProvider.ARCHIVE, zip);
    EmnistProvider provider = new EmnistProvider(EmnistProvider.DATASET.withOfficialBase(server.url("/nist"))
        .withFiles(List.of(RemoteFile.of(EmnistProvider.ARCHIVE, zip.length, NamedDatasetDownloadTest.sha256(zip)))),
        new Downloader(Duration.ofSeconds(2), Duration.ofSeconds(5)));

    DatasetSplits splits = provider.open(NamedDatasetConfig.DEFAULT, TestContexts.in(directory));

    assertThat(splits.train().image(0)).containsExactly(1, 3, 2, 4);
    assertThat(splits.train().labels()).containsExactly(46);
    assertThat(splits.train().classNames()).hasSize(47).endsWith("t");
    assertThat(splits.test().orElseThrow().image(0)).containsExactly(5, 7, 6, 8);
  }
}
