package io.gen4j.train.listeners;

import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Plain log lines through SLF4J: where the run writes and its report, one line per logged step with the
 * metrics, throughput and ETA, and one per scoring of the held-out split. Without an SLF4J binding they
 * go nowhere: {@link #orPrinted()} then prints them with {@link PrintedProgress}.
 */
public final class LogLines implements TrainingListener {

  private static final Logger LOG = LoggerFactory.getLogger(LogLines.class);

  private long startNanos;
  private long firstStep;

  /** Log lines when an SLF4J binding is on the class path, else lines printed to standard error. */
  public static TrainingListener orPrinted() {
    return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory ? new PrintedProgress() : new LogLines();
  }

  @Override
  public void onStart(TrainingStarted event) {
    startNanos = System.nanoTime();
    firstStep = event.firstStep();
    ProgressText.started(event).lines().forEach(LOG::info);
  }

  @Override
  public void afterStep(StepCompleted event) {
    LOG.info(ProgressText.step(event, eta(startNanos, firstStep, event)));
  }

  @Override
  public void onEvaluation(EvaluationCompleted event) {
    LOG.info(ProgressText.evaluation(event));
  }

  @Override
  public void onWarning(TrainingWarning event) {
    LOG.warn("step {}: {}", event.step(), event.message());
  }

  @Override
  public void onFailure(TrainingFailed event) {
    LOG.error("training failed: {}", event.cause().getMessage());
  }

  @Override
  public void onCheckpoint(CheckpointSaved event) {
    LOG.debug("checkpoint {}", event.directory());
  }

  @Override
  public void onEnd(TrainingEnded event) {
    LOG.info(ProgressText.ended(event));
  }

  /** Time left at the pace since the start of this process. */
  static Duration eta(long startNanos, long firstStep, StepCompleted event) {
    return PrintedProgress.remaining(System.nanoTime() - startNanos, event.step() - firstStep,
        event.totalSteps() - event.step());
  }
}
