package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

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
 * @param labelsName for a conditional model, the signature's second input: one class label per latent
 *     vector, int32 {@code [n]}; empty (null in JSON) otherwise
 * @param classCount for a conditional model, the number of classes labels may name (0 to classCount -
 *     1); 0 otherwise
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
    String outputName,
    Optional<String> labelsName,
    int classCount) {

  /** The manifest's file name within an export directory. */
  public static final String FILE_NAME = "gen4j-export.json";

  /** The layout version this gen4j writes. */
  public static final int FORMAT_VERSION = 2;

  /** The layout before conditional models, without {@code labelsName} and {@code classCount}; still read. */
  private static final int UNCONDITIONAL_FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new Jdk8Module())
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
      throw new IllegalArgumentException("formatVersion " + formatVersion + " is not supported; this gen4j reads "
          + UNCONDITIONAL_FORMAT_VERSION + " and " + FORMAT_VERSION);
    }
    requireNonNull(modelType, "modelType is null");
    if (latentSize < 1) {
      throw new IllegalArgumentException("latentSize must be at least 1, got " + latentSize);
    }
    requireNonNull(imageShape, "imageShape is null");
    requireNonNull(pixelRange, "pixelRange is null");
    requireNonNull(sourceRun, "sourceRun is null");
    requireNonNull(tag, "tag is null");
    requireNonNull(signatureKey, "signatureKey is null");
    requireNonNull(inputName, "inputName is null");
    requireNonNull(outputName, "outputName is null");
    requireNonNull(labelsName, "labelsName is null");
    if (labelsName.isPresent() != (classCount > 0) || classCount < 0) {
      throw new IllegalArgumentException(
          "labelsName and classCount go together: a conditional model has both, got " + labelsName + " and " + classCount);
    }
  }

  /** Whether the export takes class labels beside the latent batch. */
  public boolean conditional() {
    return labelsName.isPresent();
  }

  /** Reads the manifest of an export directory, naming the file in every error. */
  public static ExportManifest read(Path exportDirectory) {
    Path file = exportDirectory.resolve(FILE_NAME);
    try {
      JsonNode tree = JSON.readTree(Files.readString(file));
      if (tree instanceof ObjectNode object && object.path("formatVersion").asInt() == UNCONDITIONAL_FORMAT_VERSION) {
        object.put("formatVersion", FORMAT_VERSION).putNull("labelsName").put("classCount", 0);
      }
      return JSON.treeToValue(tree, ExportManifest.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(exportDirectory + ": not a gen4j export (no " + FILE_NAME + ")");
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String problem = cause == e ? e.getOriginalMessage() : cause.getMessage();
      throw new IllegalArgumentException(file + ": " + problem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
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
