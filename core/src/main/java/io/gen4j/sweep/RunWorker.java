package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.report.RunStatus;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import io.gen4j.train.Checkpoint;
import io.gen4j.train.Checkpointer;
import io.gen4j.train.LikelihoodEstimate;
import io.gen4j.train.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one run of a sweep to its end in this process: trains it (from the start, or resumed from its
 * latest checkpoint), then evaluates it as {@code gen4j eval --run} does with the sweep's settings, and
 * for models with importance weights estimates the likelihood when asked; what is already done is
 * skipped. It keeps {@link RunRecord} up to date at every checkpoint. This is what each child process of
 * a sweep runs ({@code gen4j sweep --worker RUN_DIR}), locally or in a Spark task.
 */
public final class RunWorker {

  private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

  private final Gen4j gen4j;

  public RunWorker(Gen4j gen4j) {
    this.gen4j = requireNonNull(gen4j, "gen4j is null");
  }

  /**
   * Trains and evaluates a prepared run directory as far as it still needs.
   *
   * @param threads this process's thread pool sizes
   * @param evaluation the sweep's evaluation settings
   */
  public void run(Path runDirectory, ThreadsConfig threads, SweepEvaluation evaluation) {
    requireNonNull(threads, "threads is null");
    requireNonNull(evaluation, "evaluation is null");
    RunDirectory run = RunDirectory.open(runDirectory);
    Optional<Checkpoint> checkpoint = new Checkpointer(run.checkpointsDirectory(), 1).latest();
    if (!RunResult.trained(RunStatus.read(run.statusFile()), checkpoint)) {
      train(runDirectory, checkpoint.isPresent(), threads);
    }
    RunRecord record = RunRecord.read(runDirectory);
    if (evaluation.enabled() && !(evaluation.equals(record.evaluated()) && exists(run.evaluationFile()))) {
      long start = System.nanoTime();
      ExperimentConfig config = gen4j.experiments().runConfig(runDirectory);
      gen4j.evaluations().evaluateRun(runDirectory, evaluation.dataset(config.data().dataset()), evaluation.settings(),
          evaluation.cache());
      RunRecord.Likelihood likelihood = likelihood(runDirectory, evaluation).orElse(null);
      record.withEvaluation(evaluation, likelihood, (System.nanoTime() - start) / 1e9).write(runDirectory);
    }
  }

  private void train(Path runDirectory, boolean resume, ThreadsConfig threads) {
    RunRecord before = RunRecord.read(runDirectory);
    RunRecord started = (resume ? before : before.restarted()).withAttempt(threads);
    started.write(runDirectory);
    TrainingListener timer = new TrainingTimer(runDirectory, started.trainingSeconds());
    if (resume) {
      LOG.info("{}: resuming from its latest checkpoint", runDirectory);
      gen4j.experiments().resume(runDirectory, threads, List.of(timer));
    } else {
      gen4j.experiments().trainIn(runDirectory, threads, List.of(timer));
    }
  }

  private Optional<RunRecord.Likelihood> likelihood(Path runDirectory, SweepEvaluation evaluation) {
    if (evaluation.nllSamples() == 0) {
      return Optional.empty();
    }
    try {
      LikelihoodEstimate estimate = gen4j.likelihoodEstimator()
          .estimate(runDirectory, evaluation.nllSamples(), evaluation.nllImages(), evaluation.seed());
      return Optional.of(new RunRecord.Likelihood(
          estimate.samples(), estimate.images(), estimate.negativeLogLikelihood(), estimate.standardError()));
    } catch (IllegalArgumentException e) {
      LOG.info("{}: no likelihood estimate: {}", runDirectory, e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean exists(Path file) {
    return Files.exists(file);
  }

  /** Records the training time so far at every checkpoint, on top of what earlier processes recorded. */
  private static final class TrainingTimer implements TrainingListener {
    private final Path runDirectory;
    private final double earlierSeconds;
    private final long start = System.nanoTime();

    TrainingTimer(Path runDirectory, double earlierSeconds) {
      this.runDirectory = runDirectory;
      this.earlierSeconds = earlierSeconds;
    }

    @Override
    public void onCheckpoint(CheckpointSaved event) {
      RunRecord.read(runDirectory).withTrainingSeconds(earlierSeconds + (System.nanoTime() - start) / 1e9)
          .write(runDirectory);
    }
  }
}
