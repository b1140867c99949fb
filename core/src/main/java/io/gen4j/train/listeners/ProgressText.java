package io.gen4j.train.listeners;

import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The lines the progress listeners print: one text for the log, the console and the terminal display. */
public final class ProgressText {

  /** The report's file name in a run directory. */
  private static final String REPORT = "index.html";

  private ProgressText() {}

  /** Where the run writes and where its report is, and what it trains: two lines. */
  public static String started(TrainingStarted event) {
    String what = event.firstStep() == 0
        ? String.format(Locale.ROOT, "training %s for %d steps", event.modelType(), event.totalSteps())
        : String.format(Locale.ROOT, "resuming %s at step %d of %d", event.modelType(), event.firstStep(), event.totalSteps());
    return String.format(Locale.ROOT, "%s in %s%nreport: %s", what, event.runDirectory(),
        event.runDirectory().resolve(REPORT));
  }

  /** One logged step: {@code step 100/2000 epoch 0  d_loss=0.6931 ...  4210 img/s  eta 1:05}. */
  public static String step(StepCompleted event, Duration eta) {
    return String.format(Locale.ROOT, "step %d/%d epoch %d  %s  %.0f img/s  eta %s", event.step(), event.totalSteps(),
        event.epoch(), metrics(event.metrics()), event.imagesPerSecond(), ProgressFrame.clock(eta));
  }

  /** A held-out evaluation. */
  public static String evaluation(EvaluationCompleted event) {
    return String.format(Locale.ROOT, "step %d %s (%d images, %s)  %s", event.step(), event.dataset(), event.images(),
        event.protocol(), metrics(event.metrics()));
  }

  public static String warning(TrainingWarning event) {
    return String.format(Locale.ROOT, "warning at step %d (%s): %s", event.step(), event.kind(), event.message());
  }

  public static String failed(TrainingFailed event) {
    return "training failed at step " + event.step() + ": " + event.cause().getMessage();
  }

  public static String ended(TrainingEnded event) {
    return String.format(Locale.ROOT, "finished %d steps in %s: %s", event.step(), ProgressFrame.clock(event.wallTime()),
        event.runDirectory().resolve(REPORT));
  }

  /** {@code name=value} pairs, values with four significant digits. */
  static String metrics(Map<String, Double> metrics) {
    return metrics.entrySet().stream()
        .map(metric -> metric.getKey() + "=" + MetricText.value(metric.getValue()))
        .collect(Collectors.joining(" "));
  }
}
