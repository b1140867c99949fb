package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of a checkpoint: the step and the size and SHA-256 of every other file in it.
 * The checkpointer writes it last, before the directory is renamed into place, so a checkpoint whose
 * files all match their manifest is exactly what was written.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param step the training step the checkpoint was taken at
 * @param files size and SHA-256 of each file by name
 */
public record CheckpointManifest(int formatVersion, long step, Map<String, FileDigest> files) {

  /** The layout version written and read. */
  public static final int FORMAT_VERSION = 1;

  /** The largest manifest read. */
  public static final int MAX_BYTES = 1 << 16;

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** Strict: no unknown or missing fields, no duplicate keys, nothing after the object. */
  static final ObjectMapper JSON = JsonMapper.builder(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build())
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  /**
   * The size and digest of one file.
   *
   * @param size bytes
   * @param sha256 lower-case hex SHA-256 of its bytes
   */
  public record FileDigest(long size, String sha256) {
    public FileDigest {
      if (size < 0) {
        throw new IllegalArgumentException("size must be at least 0, got " + size);
      }
      requireNonNull(sha256, "sha256 is null");
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
      }
    }
  }

  public CheckpointManifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("formatVersion " + formatVersion + " is not supported; expected " + FORMAT_VERSION);
    }
    if (step < 0) {
      throw new IllegalArgumentException("step must be at least 0, got " + step);
    }
    requireNonNull(files, "files is null");
    for (String name : files.keySet()) {
      if (name == null || !FILE_NAME.matcher(name).matches() || name.equals(Checkpointer.MANIFEST)) {
        throw new IllegalArgumentException("file name '" + CheckpointIndex.printable(String.valueOf(name))
            + "' is not a checkpoint file's name");
      }
      requireNonNull(files.get(name), "the digest of " + name + " is null");
    }
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * Parses a manifest.
   *
   * @param source names the file in errors
   * @throws CheckpointException naming {@code source} and the problem
   */
  public static CheckpointManifest parse(byte[] bytes, String source) {
    requireNonNull(bytes, "bytes is null");
    if (bytes.length > MAX_BYTES) {
      throw new CheckpointException(source + ": " + bytes.length + " bytes; a manifest has at most " + MAX_BYTES);
    }
    try {
      CheckpointManifest manifest = JSON.readValue(bytes, CheckpointManifest.class);
      if (manifest == null) {
        throw new CheckpointException(source + ": empty");
      }
      return manifest;
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CheckpointException(source + ": " + firstLine(cause.getMessage()), e);
    } catch (java.io.IOException e) {
      String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new CheckpointException(source + ": not a checkpoint manifest: " + firstLine(message), e);
    }
  }

  /** The manifest as the bytes of {@code manifest.json}. */
  public byte[] toBytes() {
    try {
      return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a checkpoint manifest", e);
    }
  }

  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown problem";
    }
    return CheckpointIndex.printable(message.lines().findFirst().orElse(message).strip());
  }
}
