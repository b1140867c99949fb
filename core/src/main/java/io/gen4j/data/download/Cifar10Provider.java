package io.gen4j.data.download;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.spi.ImageShape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code cifar10}: CIFAR-10 (Krizhevsky 2009), 50,000 train and 10,000 test 32x32 colour images in 10
 * classes, read from the binary version {@code cifar-10-binary.tar.gz} (checksum as in TensorFlow
 * Datasets). Each record of {@code data_batch_K.bin} and {@code test_batch.bin} is a label byte and
 * 3,072 bytes of red, green and blue planes; they are turned into HWC images. Train batches are read in
 * the order of K.
 */
public final class Cifar10Provider extends NamedDatasetProvider {

  /** The {@code data.type}. */
  public static final String NAME = "cifar10";

  /** The archive of the binary version. */
  static final String ARCHIVE = "cifar-10-binary.tar.gz";

  /** The shape of every image. */
  static final ImageShape SHAPE = new ImageShape(32, 32, 3);

  /** One record: a label byte and the three colour planes. */
  static final int RECORD_BYTES = 1 + 32 * 32 * 3;

  private static final Pattern TRAIN_BATCH = Pattern.compile("(?:.*/)?data_batch_(\\d{1,3})\\.bin");
  private static final Pattern TEST_BATCH = Pattern.compile("(?:.*/)?test_batch\\.bin");
  private static final int CLASSES = 10;

  /** CIFAR-10 as its publisher serves it. */
  public static final NamedDataset DATASET = new NamedDataset(
      NAME,
      "CIFAR-10 photos, downloaded (50,000 train + 10,000 test, 32x32 colour, 10 classes)",
      "no licence stated; cite Krizhevsky 2009",
      "https://www.cs.toronto.edu/~kriz",
      List.of(RemoteFile.of(ARCHIVE, 170_052_171, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")),
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));

  public Cifar10Provider() {
    this(DATASET, new Downloader());
  }

  Cifar10Provider(NamedDataset dataset, Downloader downloader) {
    super(dataset, downloader);
  }

  @Override
  protected void read(Map<RemoteFile, Path> files, CacheWriter writer) {
    Path archive = files.get(dataset().file(ARCHIVE));
    readArchive(archive, writer);
  }

  /**
   * Reads a CIFAR-10 binary archive (a gzip tar with {@code data_batch_K.bin} and {@code
   * test_batch.bin}) into the cache: two passes, the first to learn the order of the train batches.
   */
  static void readArchive(Path archive, CacheWriter writer) {
    java.util.TreeMap<Integer, String> trainBatches = new java.util.TreeMap<>();
    String[] testBatch = new String[1];
    forEachEntry(archive, (entry, in) -> {
      Matcher train = TRAIN_BATCH.matcher(entry.getName());
      if (train.matches()) {
        if (trainBatches.put(Integer.parseInt(train.group(1)), entry.getName()) != null) {
          throw new DatasetException(archive + ": holds " + entry.getName() + " twice");
        }
      } else if (TEST_BATCH.matcher(entry.getName()).matches()) {
        if (testBatch[0] != null) {
          throw new DatasetException(archive + ": holds " + entry.getName() + " twice");
        }
        testBatch[0] = entry.getName();
      }
    });
    if (trainBatches.isEmpty() || testBatch[0] == null) {
      throw new DatasetException(archive + ": expected data_batch_1.bin ... and test_batch.bin of CIFAR-10's binary"
          + " version, found " + (trainBatches.isEmpty() ? "no data_batch_K.bin" : "no test_batch.bin"));
    }
    SplitWriter train = writer.split(CacheWriter.TRAIN, SHAPE, true);
    for (String batch : trainBatches.values()) {
      forEachEntry(archive, (entry, in) -> {
        if (entry.getName().equals(batch)) {
          copyRecords(archive, entry, in, train);
        }
      });
    }
    SplitWriter test = writer.split(CacheWriter.TEST, SHAPE, true);
    forEachEntry(archive, (entry, in) -> {
      if (entry.getName().equals(testBatch[0])) {
        copyRecords(archive, entry, in, test);
      }
    });
  }

  private interface EntryAction {
    void accept(TarArchiveEntry entry, InputStream in) throws IOException;
  }

  private static void forEachEntry(Path archive, EntryAction action) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isFile()) {
          action.accept(entry, tar);
        }
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      throw new DatasetException(archive + ": not a readable gzip tar archive: " + e.getMessage(), e);
    }
  }

  private static void copyRecords(Path archive, TarArchiveEntry entry, InputStream in, SplitWriter split)
      throws IOException {
    String source = archive + "!" + entry.getName();
    if (entry.getSize() % RECORD_BYTES != 0 || entry.getSize() == 0) {
      throw new DatasetException(source + ": " + entry.getSize() + " bytes, not a whole number of " + RECORD_BYTES
          + "-byte records (a label and a 32x32x3 image)");
    }
    long records = entry.getSize() / RECORD_BYTES;
    byte[] record = new byte[RECORD_BYTES];
    byte[] image = new byte[SHAPE.size()];
    int plane = 32 * 32;
    for (long index = 0; index < records; index++) {
      if (in.readNBytes(record, 0, RECORD_BYTES) < RECORD_BYTES) {
        throw new DatasetException(source + ": truncated in record " + index);
      }
      int label = Byte.toUnsignedInt(record[0]);
      if (label >= CLASSES) {
        throw new DatasetException(source + ": record " + index + " has label " + label + "; expected 0 to 9");
      }
      for (int pixel = 0; pixel < plane; pixel++) {
        image[3 * pixel] = record[1 + pixel];
        image[3 * pixel + 1] = record[1 + plane + pixel];
        image[3 * pixel + 2] = record[1 + 2 * plane + pixel];
      }
      split.add(image, 0, label);
    }
  }
}
