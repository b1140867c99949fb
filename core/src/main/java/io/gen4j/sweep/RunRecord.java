package io.gen4j.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a sweep's {@link RunWorker} records about one run in {@code sweep-run.json}, beside what training
 * and {@code gen4j eval} write themselves.
 *
 * @param attempts the processes that trained the run (a resumed run has more than one)
 * @param trainingSeconds training time summed over those processes, each counted up to its last
 *     checkpoint (the work a killed process lost after it is not counted)
 * @param evaluationSeconds the time of the latest evaluation (and likelihood estimate)
 * @param threads the thread pool sizes of the latest process
 * @param evaluated the settings of the evaluation in {@code eval.json}; null before the run is evaluated
 * @param nll the importance-sampled likelihood estimate, when the sweep asks for one and the model has it
 */
public record RunRecord(
    int attempts,
    double trainingSeconds,
    double evaluationSeconds,
    ThreadsConfig threads,
    SweepEvaluation evaluated,
    Likelihood nll) {

  /** The file's name in the run directory. */
  public static final String FILE_NAME = "sweep-run.json";

  /** A run no worker has touched yet. */
  public static final RunRecord EMPTY = new RunRecord(0, 0, 0, ThreadsConfig.DEFAULT, null, null);

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * An importance-sampled negative log-likelihood ({@code gen4j nll}).
   *
   * @param samples k, importance samples per image
   * @param images test images scored
   * @param value nats per image
   * @param standardError its standard error over the images
   */
  public record Likelihood(int samples, int images, double value, double standardError) {}

  /** The record of a run directory; {@link #EMPTY} when it has none. */
  public static RunRecord read(Path runDirectory) {
    Path file = runDirectory.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return EMPTY;
    }
    try {
      return JSON.readValue(file.toFile(), RunRecord.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a sweep run record: " + e.getMessage(), e);
    }
  }

  /** Writes the record into a run directory, atomically. */
  public void write(Path runDirectory) {
    AtomicFiles.write(runDirectory.resolve(FILE_NAME), temporary -> JSON.writeValue(temporary.toFile(), this));
  }

  RunRecord withAttempt(ThreadsConfig used) {
    return new RunRecord(attempts + 1, trainingSeconds, evaluationSeconds, used, evaluated, nll);
  }

  RunRecord withTrainingSeconds(double seconds) {
    return new RunRecord(attempts, seconds, evaluationSeconds, threads, evaluated, nll);
  }

  RunRecord withEvaluation(SweepEvaluation settings, Likelihood likelihood, double seconds) {
    return new RunRecord(attempts, trainingSeconds, seconds, threads, settings, likelihood);
  }

  /** This record for a run trained anew: attempts kept, everything measured before dropped. */
  RunRecord restarted() {
    return new RunRecord(attempts, 0, 0, threads, null, null);
  }
}
