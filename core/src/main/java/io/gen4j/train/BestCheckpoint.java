package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.config.BestCheckpointConfig;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * The checkpoint with the best value of a metric ({@code training.bestCheckpoint}): {@code
 * checkpoints/best/step-NNNNNNNN/}, written like any checkpoint (atomically, replacing the previous
 * best), and {@code checkpoints/best/best.json} naming the metric, its value and the step. A resumed run
 * starts from the recorded best, so it replaces it only with a better value.
 */
public final class BestCheckpoint {

  /** The directory under {@code checkpoints/}. */
  public static final String DIRECTORY = "best";

  /** The record of the best value, in that directory. */
  public static final String RECORD = "best.json";

  private final MetricMonitor monitor;
  private final Checkpointer checkpointer;
  private final Path record;

  BestCheckpoint(BestCheckpointConfig config, Path checkpointsDirectory) {
    requireNonNull(config, "config is null");
    Path directory = checkpointsDirectory.resolve(DIRECTORY);
    this.monitor = new MetricMonitor("training.bestCheckpoint", config.metric(), config.mode(), 0);
    this.checkpointer = new Checkpointer(directory, 1);
    this.record = directory.resolve(RECORD);
    recorded().ifPresent(node -> {
      if (node.path("metric").asText().equals(config.metric()) && node.path("value").isNumber()) {
        monitor.startFrom(node.path("value").asDouble(), node.path("step").asLong());
      }
    });
  }

  MetricMonitor monitor() {
    return monitor;
  }

  /** Writes the session's variables as the best checkpoint, after the monitor reported an improvement. */
  void save(Session session, TrainingState state) {
    Checkpoint checkpoint = checkpointer.save(session, state);
    ObjectNode node = JsonMapper.builder().build().createObjectNode();
    node.put("metric", monitor.metric());
    node.put("mode", monitor.mode().name().toLowerCase(java.util.Locale.ROOT));
    node.put("value", monitor.best().orElseThrow());
    node.put("step", state.step());
    node.put("checkpoint", checkpoint.directory().getFileName().toString());
    AtomicFiles.write(record, (node.toPrettyString() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
  }

  /** The latest best checkpoint of a run's checkpoints directory, if one was kept. */
  public static Optional<Checkpoint> of(Path checkpointsDirectory) {
    return new Checkpointer(checkpointsDirectory.resolve(DIRECTORY), 1).latest();
  }

  private Optional<JsonNode> recorded() {
    if (!Files.isRegularFile(record)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonMapper.builder().build().readTree(Files.readString(record)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
    }
  }
}
