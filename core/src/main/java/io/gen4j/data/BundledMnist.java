package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The full MNIST database (60,000 training and 10,000 test images of 28x28 digits), shipped in
 * this jar as gzip-compressed IDX files under {@code io/gen4j/data/mnist/}.
 *
 * <p>Every file is checked against the SHA-256 sums in {@code SHA256SUMS} before it is parsed. Each
 * split is loaded once, on first use, and the same {@link ImageDataset} is returned afterwards.
 */
public final class BundledMnist {

  private static final String RESOURCE_DIRECTORY = "mnist/";
  private static final String CHECKSUMS = "SHA256SUMS";

  private static final Map<Split, ImageDataset> LOADED = new ConcurrentHashMap<>();

  /** The digits each label stands for. */
  private static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private enum Split {
    TRAIN("mnist-train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    TEST("mnist-test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private final String datasetName;
    private final String imagesFile;
    private final String labelsFile;

    Split(String datasetName, String imagesFile, String labelsFile) {
      this.datasetName = datasetName;
      this.imagesFile = imagesFile;
      this.labelsFile = labelsFile;
    }
  }

  private BundledMnist() {}

  /** The 60,000 labelled training images, named {@code mnist-train}. */
  public static ImageDataset train() {
    return LOADED.computeIfAbsent(Split.TRAIN, BundledMnist::load);
  }

  /** The 10,000 labelled test images, named {@code mnist-test}. */
  public static ImageDataset test() {
    return LOADED.computeIfAbsent(Split.TEST, BundledMnist::load);
  }

  private static ImageDataset load(Split split) {
    String checksums = new String(readResource(CHECKSUMS), StandardCharsets.UTF_8);
    return ImageDataset.fromIdx(
        split.datasetName,
        verifiedStream(split.imagesFile, checksums),
        split.imagesFile,
        verifiedStream(split.labelsFile, checksums),
        split.labelsFile)
        .withClassNames(CLASS_NAMES);
  }

  private static InputStream verifiedStream(String file, String checksums) {
    byte[] content = readResource(file);
    verifySha256(file, content, expectedSha256(file, checksums));
    return new ByteArrayInputStream(content);
  }

  /**
   * Checks {@code content} against a hex SHA-256 sum.
   *
   * @throws DatasetException naming the file and both sums if they differ
   */
  static void verifySha256(String file, byte[] content, String expectedSha256) {
    requireNonNull(file, "file is null");
    requireNonNull(content, "content is null");
    requireNonNull(expectedSha256, "expectedSha256 is null");
    String actual = sha256(content);
    if (!actual.equalsIgnoreCase(expectedSha256)) {
      throw new DatasetException(
          file + ": SHA-256 mismatch: expected " + expectedSha256 + ", found " + actual);
    }
  }

  /** The sum of {@code file} in a {@code sha256sum} listing ("hash  name" or "hash *name"). */
  static String expectedSha256(String file, String checksums) {
    for (String line : checksums.split("\\R")) {
      String[] fields = line.trim().split("\\s+", 2);
      if (fields.length == 2 && fields[1].replaceFirst("^\\*", "").equals(file)) {
        return fields[0];
      }
    }
    throw new DatasetException(CHECKSUMS + ": no SHA-256 sum for " + file);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static byte[] readResource(String file) {
    String resource = RESOURCE_DIRECTORY + file;
    try (InputStream in = BundledMnist.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new DatasetException(
            file + ": bundled resource io/gen4j/data/" + resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read bundled resource: " + e.getMessage(), e);
    }
  }
}
