package io.gen4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a run stands, as the report's header says it. The report records it in the run directory's
 * {@code status.json}, so the page can be rebuilt later from the directory alone.
 */
public sealed interface RunStatus {

  /** One line for the report's header. */
  String describe();

  /**
   * Training is under way (or was, when the process ended without a word: killed, say).
   *
   * @param step the number of completed steps
   * @param totalSteps the step the run ends at
   */
  record Running(long step, long totalSteps) implements RunStatus {
    @Override
    public String describe() {
      return "training: step " + step + " of " + totalSteps;
    }
  }

  /**
   * Training reached its last step.
   *
   * @param step the number of completed steps
   * @param wallTime time spent in the training loop of the last process
   */
  record Finished(long step, Duration wallTime) implements RunStatus {
    @Override
    public String describe() {
      long seconds = wallTime.toSeconds();
      return String.format(Locale.ROOT, "finished: %d steps in %d:%02d:%02d", step, seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
  }

  /**
   * Training stopped with an error.
   *
   * @param step the step that failed
   * @param reason what went wrong
   */
  record Failed(long step, String reason) implements RunStatus {
    @Override
    public String describe() {
      return "failed at step " + step + ": " + reason;
    }
  }

  /** A run directory without {@code status.json}: written before the report recorded it. */
  record Unrecorded() implements RunStatus {
    @Override
    public String describe() {
      return "status not recorded (no status.json)";
    }
  }

  /** Writes {@code status.json}: {@code state} ({@code running}, {@code finished}, {@code failed}) and its fields. */
  static void write(RunStatus status, Path file) {
    ObjectMapper json = JsonMapper.builder().build();
    ObjectNode node = json.createObjectNode();
    if (status instanceof Running running) {
      node.put("state", "running").put("step", running.step()).put("totalSteps", running.totalSteps());
    } else if (status instanceof Finished finished) {
      node.put("state", "finished").put("step", finished.step()).put("wallTimeMillis", finished.wallTime().toMillis());
    } else if (status instanceof Failed failed) {
      node.put("state", "failed").put("step", failed.step()).put("reason", failed.reason());
    } else {
      throw new IllegalArgumentException("status.json records a running, finished or failed run, not " + status);
    }
    try {
      AtomicFiles.write(file, (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads {@code status.json}; {@link Unrecorded} when there is none.
   *
   * @throws IllegalArgumentException naming the file and the field when it is not what {@link #write} writes
   */
  public static RunStatus read(Path file) {
    JsonNode node;
    try {
      node = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new Unrecorded();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String state = node == null ? "" : node.path("state").asText();
    return switch (state) {
      case "running" -> new Running(integer(node, "step", file), integer(node, "totalSteps", file));
      case "finished" -> new Finished(integer(node, "step", file), Duration.ofMillis(integer(node, "wallTimeMillis", file)));
      case "failed" -> new Failed(integer(node, "step", file), node.path("reason").asText());
      default -> throw new IllegalArgumentException(
          file + ": $.state: expected \"running\", \"finished\" or \"failed\", got " + (node == null ? "nothing" : node.path("state")));
    };
  }

  private static long integer(JsonNode node, String field, Path file) {
    JsonNode value = node.path(field);
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(file + ": $." + field + ": expected an integer, got " + value);
    }
    return value.asLong();
  }
}
