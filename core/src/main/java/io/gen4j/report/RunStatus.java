package io.gen4j.report;

import java.time.Duration;
import java.util.Locale;

/** Where a run stands, as the report's header says it. */
public sealed interface RunStatus {

  /** One line for the report's header. */
  String describe();

  /**
   * Training is under way.
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
}
