package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.config.BestCheckpointConfig;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;

/**
 * The checkpoint with the best value of a metric ({@code training.bestCheckpoint}): {@code
 * checkpoints/best/step-NNNNNNNN/}, written like any checkpoint (atomically, with a manifest), and
 * {@code checkpoints/best/best.json} naming the metric, its value, the step and the checkpoint. The
 * previous best is kept beside it as a fallback ({@link Checkpointer} never keeps fewer than {@value
 * Checkpointer#MIN_INTACT} intact checkpoints); older ones are removed. A resumed run starts from the
 * recorded best, so it replaces it only with a better value.
 */
public final class BestCheckpoint {

  /** The directory under {@code checkpoints/}. */
  public static final String DIRECTORY = "best";

  /** The record of the best value, in that directory. */
  public static final String RECORD = "best.json";

  private static final Logger LOG = LoggerFactory.getLogger(BestCheckpoint.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MetricMonitor monitor;
  private final Checkpointer checkpointer;
  private final Path record;

  BestCheckpoint(BestCheckpointConfig config, Path checkpointsDirectory) {
    requireNonNull(config, "config is null");
    Path directory = checkpointsDirectory.resolve(DIRECTORY);
    this.monitor = new MetricMonitor("training.bestCheckpoint", config.metric(), config.mode(), 0);
    this.checkpointer = new Checkpointer(directory, 1);
    this.record = directory.resolve(RECORD);
    recorded(record).ifPresent(node -> {
      if (node.path("metric").asText().equals(config.metric()) && node.path("value").isNumber()) {
        monitor.startFrom(node.path("value").asDouble(), node.path("step").asLong());
      }
    });
  }

  MetricMonitor monitor() {
    return monitor;
  }

  /**
   * Writes the session's variables as the best checkpoint, after the monitor reported an improvement.
   * Best checkpoints of this step or later (left by the steps a resumed run trains again) go first.
   */
  void save(Session session, TrainingState state) {
    checkpointer.removeFrom(state.step());
    Checkpoint checkpoint = checkpointer.save(session, state);
    ObjectNode node = JSON.createObjectNode();
    node.put("metric", monitor.metric());
    node.put("mode", monitor.mode().name().toLowerCase(Locale.ROOT));
    node.put("value", monitor.best().orElseThrow());
    node.put("step", state.step());
    node.put("checkpoint", checkpoint.directory().getFileName().toString());
    AtomicFiles.write(record, (node.toPrettyString() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The best checkpoint of a run's checkpoints directory, if one was kept: the one {@code best.json}
   * names when it is intact, otherwise the newest intact one in {@code best/} (a kill between writing
   * a checkpoint and its record leaves the record one behind).
   */
  public static Optional<Checkpoint> of(Path checkpointsDirectory) {
    Path directory = checkpointsDirectory.resolve(DIRECTORY);
    Optional<String> named = recorded(directory.resolve(RECORD))
        .map(node -> node.path("checkpoint").asText(""))
        .filter(name -> name.matches("step-\\d{1,18}"));
    if (named.isPresent() && Files.isDirectory(directory.resolve(named.get()))) {
      try {
        return Optional.of(Checkpointer.verify(directory.resolve(named.get())));
      } catch (CheckpointException e) {
        LOG.warn("the best checkpoint {} is damaged ({}); using the newest intact one in {}",
            named.get(), e.getMessage(), directory);
      }
    }
    return new Checkpointer(directory, 1).latest();
  }

  private static Optional<JsonNode> recorded(Path record) {
    if (!Files.isRegularFile(record)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(Files.readString(record)));
    } catch (IOException e) {
      LOG.warn("cannot read {} ({}); the best value starts anew", record, e.getMessage());
      return Optional.empty();
    }
  }
}
