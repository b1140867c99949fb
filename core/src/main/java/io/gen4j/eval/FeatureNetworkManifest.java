package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;

/**
 * {@code manifest.json} of a cached feature network: what it was trained on and how, how well it
 * classifies the test split, and the SHA-256 of each of its files. A cache entry is used only when its
 * manifest matches the datasets, the architecture version and the training settings asked for, and
 * every file matches its sum.
 *
 * @param architectureVersion {@link FeatureNetwork#ARCHITECTURE_VERSION} when it was trained
 * @param dataset the train split's name
 * @param testDataset the test split's name
 * @param datasetChecksum {@link DatasetChecksum#sha256(io.gen4j.data.ImageDataset...)} of the train and
 *     test splits
 * @param height image height
 * @param width image width
 * @param channels image channels
 * @param classes the number of classes
 * @param training how it was trained
 * @param trainImages the images it was trained on
 * @param testImages the images its accuracy was measured on
 * @param testAccuracy the share of test images classified correctly
 * @param trainingSeconds wall time of the training
 * @param created when it was trained (ISO-8601)
 * @param files SHA-256 of every file of the entry but the manifest, by file name
 */
public record FeatureNetworkManifest(
    int architectureVersion,
    String dataset,
    String testDataset,
    String datasetChecksum,
    int height,
    int width,
    int channels,
    int classes,
    ClassifierTraining training,
    int trainImages,
    int testImages,
    double testAccuracy,
    double trainingSeconds,
    String created,
    Map<String, String> files) {

  /** The largest manifest read. */
  public static final int MAX_BYTES = 1 << 16;

  /** Strict: no duplicate keys, nothing after the object, every field present. */
  static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /**
   * Parses a {@code manifest.json}.
   *
   * @param source names the file in errors
   * @throws IllegalArgumentException in one line naming {@code source} and the problem
   */
  public static FeatureNetworkManifest parse(byte[] bytes, String source) {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(source, "source is null");
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(source + ": " + bytes.length + " bytes; a manifest has at most " + MAX_BYTES);
    }
    try {
      FeatureNetworkManifest manifest = JSON.readValue(bytes, FeatureNetworkManifest.class);
      if (manifest == null) {
        throw new IllegalArgumentException(source + ": empty");
      }
      return manifest;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof RuntimeException ? e.getCause() : e;
      String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(source + ": not a feature network manifest: " + firstLine(message), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": cannot read: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown problem";
    }
    String line = message.lines().findFirst().orElse(message).strip();
    return line.length() <= 200 ? line : line.substring(0, 197) + "...";
  }

  public FeatureNetworkManifest {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(testDataset, "testDataset is null");
    requireNonNull(datasetChecksum, "datasetChecksum is null");
    requireNonNull(training, "training is null");
    requireNonNull(created, "created is null");
    files = Map.copyOf(requireNonNull(files, "files is null"));
    if (height < 1 || width < 1 || channels < 1 || classes < 1) {
      throw new IllegalArgumentException("height, width, channels and classes must be at least 1");
    }
  }
}
