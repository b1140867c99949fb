package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress as plain lines printed to a stream, with no logging framework: where the run writes and its
 * report, a line per logged step (metrics, throughput, ETA), per held-out evaluation and per warning,
 * and how it ended. What library users see by default when no SLF4J binding is on the class path; add
 * it yourself with {@code Experiments.withProgress(() -> new PrintedProgress(System.out))}.
 */
public final class PrintedProgress implements TrainingListener {

  private final PrintStream out;
  private long startNanos;
  private long firstStep;

  /** Prints to standard error. */
  public PrintedProgress() {
    this(System.err);
  }

  public PrintedProgress(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public void onStart(TrainingStarted event) {
    startNanos = System.nanoTime();
    firstStep = event.firstStep();
    out.println(ProgressText.started(event));
  }

  @Override
  public void afterStep(StepCompleted event) {
    out.println(ProgressText.step(event, LogLines.eta(startNanos, firstStep, event)));
  }

  @Override
  public void onEvaluation(EvaluationCompleted event) {
    out.println(ProgressText.evaluation(event));
  }

  @Override
  public void onWarning(TrainingWarning event) {
    out.println(ProgressText.warning(event));
  }

  @Override
  public void onFailure(TrainingFailed event) {
    out.println(ProgressText.failed(event));
  }

  @Override
  public void onEnd(TrainingEnded event) {
    out.println(ProgressText.ended(event));
  }

  /** The ETA, exposed for tests. */
  static Duration remaining(long elapsedNanos, long done, long left) {
    return done > 0 ? Duration.ofNanos((long) (elapsedNanos / (double) done * left)) : Duration.ZERO;
  }
}
