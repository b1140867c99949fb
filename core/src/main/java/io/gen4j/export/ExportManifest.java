package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What an export holds, written beside the SavedModel as {@value #FILE_NAME}: enough for {@code gen4j
 * sample --model} (and any other reader) to feed the signature without opening the graph.
 *
 * @param formatVersion the version of this file's layout, {@value #FORMAT_VERSION}
 * @param modelType the run's {@code model.type}
 * @param latentSize size of one latent vector: the signature's input is {@code [n, latentSize]}
 * @param imageShape the shape of one image: the signature's output is {@code [n, height, width,
 *     channels]}
 * @param pixelRange the range the model generates in; the signature maps it to [0, 1]
 * @param sourceRun the run directory the model was exported from
 * @param checkpointStep the training step of the exported checkpoint
 * @param runSeed the run's seed, which also seeds the latent batch of its sample grids
 * @param tag the SavedModel tag the graph is saved under
 * @param signatureKey the key of the serving signature
 * @param inputName the signature's input: the latent batch, float32
 * @param outputName the signature's output: images in [0, 1], float32
 */
public record ExportManifest(
    int formatVersion,
    String modelType,
    int latentSize,
    ImageShape imageShape,
    PixelRange pixelRange,
    String sourceRun,
    long checkpointStep,
    long runSeed,
    String tag,
    String signatureKey,
    String inputName,
    String outputName) {

  /** The manifest's file name within an export directory. */
  public static final String FILE_NAME = "gen4j-export.json";

  /** The layout version this gen4j writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The largest image side an export may promise. */
  public static final int MAX_IMAGE_SIDE = 1 << 13;

  /** The largest manifest read. */
  public static final int MAX_BYTES = 1 << 16;

  private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
          .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
              .maxNestingDepth(8).maxStringLength(4096).build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  public ExportManifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "formatVersion " + formatVersion + " is not supported; this gen4j reads " + FORMAT_VERSION);
    }
    requireNonNull(modelType, "modelType is null");
    if (latentSize < 1 || latentSize > ConfigChecks.MAX_SIZE) {
      throw new IllegalArgumentException(
          "latentSize must be in [1, " + ConfigChecks.MAX_SIZE + "], got " + latentSize);
    }
    requireNonNull(imageShape, "imageShape is null");
    if (imageShape.height() > MAX_IMAGE_SIDE || imageShape.width() > MAX_IMAGE_SIDE) {
      throw new IllegalArgumentException("images must be at most " + MAX_IMAGE_SIDE + " pixels on a side, got "
          + imageShape.height() + "x" + imageShape.width());
    }
    requireNonNull(pixelRange, "pixelRange is null");
    requireNonNull(sourceRun, "sourceRun is null");
    requireNonNull(tag, "tag is null");
    requireNonNull(signatureKey, "signatureKey is null");
    requireNonNull(inputName, "inputName is null");
    requireNonNull(outputName, "outputName is null");
  }

  /** Reads the manifest of an export directory, naming the file in every error. */
  public static ExportManifest read(Path exportDirectory) {
    Path file = exportDirectory.resolve(FILE_NAME);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes; a manifest has at most " + MAX_BYTES);
      }
      return parse(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(exportDirectory + ": not a gen4j export (no " + FILE_NAME + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param source names the file in errors
   * @throws IllegalArgumentException in one line naming {@code source} and the problem
   */
  public static ExportManifest parse(byte[] bytes, String source) {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(source, "source is null");
    try {
      ExportManifest manifest = JSON.readValue(bytes, ExportManifest.class);
      if (manifest == null) {
        throw new IllegalArgumentException(source + ": empty");
      }
      return manifest;
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
          ? e.getCause() : e;
      String problem = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(source + ": " + oneLine(problem));
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": cannot read: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "not a gen4j export manifest";
    }
    String line = message.lines().findFirst().orElse(message).strip();
    return line.length() <= 200 ? line : line.substring(0, 197) + "...";
  }

  /** Writes this manifest into an export directory. */
  public void write(Path exportDirectory) {
    Path file = exportDirectory.resolve(FILE_NAME);
    try {
      Files.writeString(file, JSON.writeValueAsString(this) + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
