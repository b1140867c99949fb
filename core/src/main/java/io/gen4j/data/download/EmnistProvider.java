package io.gen4j.data.download;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code emnist}: the balanced split of EMNIST (Cohen et al. 2017): 112,800 train and 18,800 test images
 * of 28x28 grey handwritten digits and letters in 47 classes, read from NIST's {@code gzip.zip} (562
 * MB, every split; checksum as in TensorFlow Datasets). EMNIST stores its images transposed; they are
 * turned upright as they are read.
 */
public final class EmnistProvider extends NamedDatasetProvider {

  /** The {@code data.type}. */
  public static final String NAME = "emnist";

  /** The archive NIST serves. */
  static final String ARCHIVE = "gzip.zip";

  /** The split read from the archive. */
  static final String SPLIT = "balanced";

  /** EMNIST balanced as NIST serves it. */
  public static final NamedDataset DATASET = new NamedDataset(
      NAME,
      "EMNIST balanced digits and letters, downloaded (112,800 train + 18,800 test, 28x28 grey, 47 classes)",
      "NIST, no licence stated; cite Cohen et al. 2017",
      "https://biometrics.nist.gov/cs_links/EMNIST",
      List.of(RemoteFile.of(ARCHIVE, 561_753_746, "fb9bb67e33772a9cc0b895e4ecf36d2cf35be8b709693c3564cea2a019fcda8e")),
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt".chars().mapToObj(Character::toString).toList());

  public EmnistProvider() {
    this(DATASET, new Downloader());
  }

  EmnistProvider(NamedDataset dataset, Downloader downloader) {
    super(dataset, downloader);
  }

  @Override
  protected void read(Map<RemoteFile, Path> files, CacheWriter writer) {
    Path archive = files.get(dataset().file(ARCHIVE));
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      UnaryOperator<byte[]> upright = EmnistProvider::transpose;
      IdxArchiveReader.copy(writer, CacheWriter.TRAIN, entry(zip, archive, "train-images-idx3-ubyte.gz"),
          entry(zip, archive, "train-labels-idx1-ubyte.gz"), upright);
      IdxArchiveReader.copy(writer, CacheWriter.TEST, entry(zip, archive, "test-images-idx3-ubyte.gz"),
          entry(zip, archive, "test-labels-idx1-ubyte.gz"), upright);
    } catch (IOException | IllegalStateException e) {
      throw new DatasetException(archive + ": cannot read the zip archive: " + e.getMessage(), e);
    }
  }

  private static IdxArchiveReader.Source entry(ZipFile zip, Path archive, String suffix) {
    String name = "gzip/emnist-" + SPLIT + "-" + suffix;
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new DatasetException(archive + ": no entry " + name + "; expected NIST's EMNIST gzip.zip");
    }
    return new IdxArchiveReader.Source() {
      @Override
      public String name() {
        return archive + "!" + name;
      }

      @Override
      public InputStream open() throws IOException {
        return zip.getInputStream(entry);
      }
    };
  }

  /** A square grey image mirrored on its diagonal, in place; other shapes are left as they are. */
  static byte[] transpose(byte[] image) {
    int side = (int) Math.round(Math.sqrt(image.length));
    if (side * side != image.length) {
      return image;
    }
    for (int row = 0; row < side; row++) {
      for (int column = row + 1; column < side; column++) {
        byte swapped = image[row * side + column];
        image[row * side + column] = image[column * side + row];
        image[column * side + row] = swapped;
      }
    }
    return image;
  }
}
