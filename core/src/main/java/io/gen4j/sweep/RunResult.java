package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.eval.EvaluationReport;
import io.gen4j.eval.RunMetrics;
import io.gen4j.eval.SampleMetrics;
import io.gen4j.report.RunStatus;
import io.gen4j.train.Checkpoint;
import io.gen4j.train.Checkpointer;
import io.gen4j.train.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where one run of a sweep stands and what it measured, read from its directory: the figures of its
 * {@code eval.json}, the held-out scores its model logged, its likelihood estimate, training time and
 * throughput, keyed by {@link SummaryMetric} ids.
 *
 * @param run the run's name
 * @param state where it stands
 * @param metrics its figures by metric id, in column order; only a {@link State#FINISHED} run's count in
 *     a summary
 * @param detail a line about the state, such as a failure's reason; empty if none
 */
public record RunResult(String run, State state, Map<String, Double> metrics, String detail) implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Where a run stands. */
  public enum State {
    /** Not started, or stopped before its first checkpoint. */
    PENDING,
    /** Partly trained: it has a checkpoint but has not reached its last step. */
    UNFINISHED,
    /** Trained, but not evaluated as the sweep asks. */
    TRAINED,
    /** Trained and evaluated as the sweep asks. */
    FINISHED,
    /** Its latest attempt failed. */
    FAILED
  }

  public RunResult {
    requireNonNull(run, "run is null");
    requireNonNull(state, "state is null");
    metrics = new LinkedHashMap<>(metrics);
    requireNonNull(detail, "detail is null");
  }

  @Override
  public Map<String, Double> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  /**
   * Reads a run's directory.
   *
   * @param evaluation what the sweep asks of evaluation, to tell {@link State#TRAINED} from {@link State#FINISHED}
   */
  public static RunResult read(Path runDirectory, SweepEvaluation evaluation) {
    String name = runDirectory.getFileName().toString();
    if (!Files.isRegularFile(runDirectory.resolve("config.json"))) {
      return new RunResult(name, State.PENDING, Map.of(), "");
    }
    RunDirectory run = RunDirectory.open(runDirectory);
    RunRecord record = RunRecord.read(runDirectory);
    Optional<Checkpoint> checkpoint = new Checkpointer(run.checkpointsDirectory(), 1).latest();
    RunStatus status = RunStatus.read(run.statusFile());
    Map<String, Double> metrics = new LinkedHashMap<>();
    State state;
    String detail = "";
    if (trained(status, checkpoint)) {
      boolean evaluated = !evaluation.enabled()
          || (evaluation.equals(record.evaluated()) && Files.exists(run.evaluationFile()));
      state = evaluated ? State.FINISHED : State.TRAINED;
      if (evaluation.enabled() && evaluated) {
        metrics.putAll(evaluationMetrics(EvaluationReport.read(run.evaluationFile()).model()));
      }
    } else if (status instanceof RunStatus.Failed failed) {
      state = State.FAILED;
      detail = failed.describe();
    } else {
      state = checkpoint.isPresent() ? State.UNFINISHED : State.PENDING;
    }
    if (record.nll() != null) {
      metrics.put(SummaryMetric.NLL.id(), record.nll().value());
    }
    try {
      RunMetrics.latest(run.metricsFile()).forEach((key, logged) -> metrics.put(key, logged.value()));
    } catch (IllegalArgumentException e) {
      // a line torn by a kill, in a run that has not finished: its scores do not count yet
    }
    if (record.trainingSeconds() > 0) {
      metrics.put(SummaryMetric.TRAINING_SECONDS.id(), record.trainingSeconds());
    }
    meanImagesPerSecond(run.metricsFile()).ifPresent(value -> metrics.put(SummaryMetric.IMAGES_PER_SECOND.id(), value));
    return new RunResult(name, state, metrics, detail);
  }

  /** Whether a run has reached its last step: its report says finished at the step of its latest checkpoint. */
  static boolean trained(RunStatus status, Optional<Checkpoint> checkpoint) {
    return status instanceof RunStatus.Finished finished
        && checkpoint.isPresent()
        && checkpoint.get().state().step() == finished.step();
  }

  static Map<String, Double> evaluationMetrics(SampleMetrics model) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(SummaryMetric.FID.id(), model.fid());
    metrics.put(SummaryMetric.KID.id(), 1000 * model.kidMean());
    metrics.put(SummaryMetric.INCEPTION_SCORE.id(), model.inceptionScore());
    metrics.put(SummaryMetric.PRECISION.id(), model.precision());
    metrics.put(SummaryMetric.RECALL.id(), model.recall());
    metrics.put(SummaryMetric.CLASS_KL.id(), model.classKlToUniform());
    return metrics;
  }

  /** The mean of {@code images_per_second} over the training lines of {@code metrics.jsonl}. */
  static Optional<Double> meanImagesPerSecond(Path metricsFile) {
    if (!Files.exists(metricsFile)) {
      return Optional.empty();
    }
    double sum = 0;
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(metricsFile, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a line torn by a kill; the others still count
        }
        if (node != null && node.path("images_per_second").isNumber()) {
          sum += node.get("images_per_second").asDouble();
          count++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metricsFile + ": " + e.getMessage(), e);
    }
    return count == 0 ? Optional.empty() : Optional.of(sum / count);
  }
}
