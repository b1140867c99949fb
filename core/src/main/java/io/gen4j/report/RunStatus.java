package io.gen4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.files.AtomicFiles;
import io.gen4j.train.ProcessIdentity;
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

  /** The largest {@code status.json} read. */
  int MAX_BYTES = 1 << 16;

  /** One line for the report's header. */
  String describe();

  /**
   * Training is under way.
   *
   * @param step the number of completed steps
   * @param totalSteps the step the run ends at
   * @param process the process training it
   */
  record Running(long step, long totalSteps, ProcessIdentity process) implements RunStatus {

    public Running {
      java.util.Objects.requireNonNull(process, "process is null");
    }

    /** Training under way in this process. */
    public Running(long step, long totalSteps) {
      this(step, totalSteps, ProcessIdentity.current());
    }

    @Override
    public String describe() {
      return "training: step " + step + " of " + totalSteps;
    }
  }

  /**
   * Recorded as running, but the process that trained it has ended without recording an end: killed,
   * say, or the machine went down. {@code gen4j train --resume} continues it.
   *
   * @param step the number of completed steps last recorded
   * @param totalSteps the step the run ends at
   * @param process the process that was training it
   */
  record Interrupted(long step, long totalSteps, ProcessIdentity process) implements RunStatus {
    @Override
    public String describe() {
      return "interrupted: last recorded at step " + step + " of " + totalSteps + ", then " + process.describe()
          + " ended without finishing; gen4j train --resume continues it from its last checkpoint";
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

  /**
   * Writes {@code status.json}: {@code state} ({@code running}, {@code finished}, {@code failed}) and
   * its fields; a running status names its process ({@code pid}, {@code host}, {@code startMillis}).
   */
  static void write(RunStatus status, Path file) {
    ObjectMapper json = JsonMapper.builder().build();
    ObjectNode node = json.createObjectNode();
    if (status instanceof Running running) {
      node.put("state", "running").put("step", running.step()).put("totalSteps", running.totalSteps())
          .put("pid", running.process().pid()).put("host", running.process().host())
          .put("startMillis", running.process().startMillis());
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
   * Reads {@code status.json}; {@link Unrecorded} when there is none, {@link Interrupted} when it
   * records a running status whose process has ended.
   *
   * @throws IllegalArgumentException naming the file and the field when it is not what {@link #write} writes
   */
  public static RunStatus read(Path file) {
    JsonNode node;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes; a status has at most " + MAX_BYTES);
      }
      node = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new Unrecorded();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not JSON: "
          + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String state = node == null ? "" : node.path("state").asText();
    return switch (state) {
      case "running" -> running(node, file);
      case "finished" -> new Finished(integer(node, "step", file), Duration.ofMillis(integer(node, "wallTimeMillis", file)));
      case "failed" -> new Failed(integer(node, "step", file), node.path("reason").asText());
      default -> throw new IllegalArgumentException(
          file + ": $.state: expected \"running\", \"finished\" or \"failed\", got " + (node == null ? "nothing" : node.path("state")));
    };
  }

  private static RunStatus running(JsonNode node, Path file) {
    long step = integer(node, "step", file);
    long totalSteps = integer(node, "totalSteps", file);
    if (!node.has("pid")) {
      return new Running(step, totalSteps, new ProcessIdentity(-1, "unknown", -1));
    }
    JsonNode host = node.path("host");
    if (!host.isTextual()) {
      throw new IllegalArgumentException(file + ": $.host: expected a string, got " + host);
    }
    ProcessIdentity process = new ProcessIdentity(
        integer(node, "pid", file), host.asText(), node.path("startMillis").asLong(-1));
    return process.isGone() ? new Interrupted(step, totalSteps, process) : new Running(step, totalSteps, process);
  }

  private static long integer(JsonNode node, String field, Path file) {
    JsonNode value = node.path(field);
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(file + ": $." + field + ": expected an integer, got " + value);
    }
    return value.asLong();
  }
}
