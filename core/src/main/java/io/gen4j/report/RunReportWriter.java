package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.train.RunDirectory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RunReport} of a run current: written when training starts, at every sample
 * interval, at each warning, and at the end or on failure. It reads the sample grids and the warning
 * lines of {@code metrics.jsonl} from disk, so it goes after the listeners that write them.
 */
public final class RunReportWriter implements TrainingListener {

  private static final Logger LOG = LoggerFactory.getLogger(RunReportWriter.class);

  private final RunDirectory run;
  private long totalSteps;
  private long step;

  public RunReportWriter(RunDirectory run) {
    this.run = requireNonNull(run, "run is null");
  }

  @Override
  public void onStart(TrainingStarted event) {
    totalSteps = event.totalSteps();
    step = event.firstStep();
    RunReport.write(run, new RunStatus.Running(step, totalSteps));
  }

  @Override
  public void afterStep(StepCompleted event) {
    step = event.step();
  }

  @Override
  public void onSamples(SamplesReady event) {
    step = event.step();
    RunReport.write(run, new RunStatus.Running(step, totalSteps));
  }

  /** Warnings are rare (once per episode), and a person should see them without waiting for the next samples. */
  @Override
  public void onWarning(TrainingWarning event) {
    RunReport.write(run, new RunStatus.Running(step, totalSteps));
  }

  @Override
  public void onEnd(TrainingEnded event) {
    RunReport.write(run, new RunStatus.Finished(event.step(), event.wallTime()));
  }

  /** Writes the report with the error; a failure to write it is logged, not thrown over the run's own error. */
  @Override
  public void onFailure(TrainingFailed event) {
    String reason = Optional.ofNullable(event.cause().getMessage()).orElse(event.cause().getClass().getName());
    try {
      RunReport.write(run, new RunStatus.Failed(event.step(), reason));
    } catch (RuntimeException e) {
      LOG.warn("cannot write the report of the failed run {}: {}", run, e.getMessage());
    }
  }
}
