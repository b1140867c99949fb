package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (with <a href="https://github.com/ctongfei/progressbar">progressbar</a>):
 * steps done of the total, elapsed time and ETA, and after each logged step the epoch, images per
 * second and the latest metrics. Meant for an interactive terminal; where output goes to a file or CI
 * log, {@link LogLines} prints plain lines instead.
 */
public final class ProgressBarDisplay implements TrainingListener {

  private final Supplier<ProgressBarBuilder> builder;
  private ProgressBar bar;

  /** A bar on standard error, as wide as the terminal. */
  public ProgressBarDisplay() {
    this(ProgressBarBuilder::new);
  }

  /** A bar drawn into {@code consumer} (for tests, or another output). */
  public ProgressBarDisplay(ProgressBarConsumer consumer) {
    this(() -> new ProgressBarBuilder().setConsumer(requireNonNull(consumer, "consumer is null")));
  }

  private ProgressBarDisplay(Supplier<ProgressBarBuilder> builder) {
    this.builder = builder;
  }

  @Override
  public void onStart(TrainingStarted event) {
    close();
    bar = builder.get()
        .setTaskName("train " + event.modelType())
        .setInitialMax(event.totalSteps())
        .startsFrom(event.firstStep(), Duration.ZERO)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(" steps", 1)
        .build();
  }

  @Override
  public void afterStep(StepCompleted event) {
    if (bar == null) {
      throw new IllegalStateException("ProgressBarDisplay: onStart was not called before step " + event.step());
    }
    bar.stepTo(event.step());
    bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d  %.0f img/s  %s", event.epoch(), event.imagesPerSecond(),
        format(event.metrics())));
    bar.refresh();
  }

  @Override
  public void onEnd(TrainingEnded event) {
    if (bar != null) {
      bar.stepTo(event.step());
    }
    close();
  }

  @Override
  public void onFailure(TrainingFailed event) {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static String format(Map<String, Double> metrics) {
    return metrics.entrySet().stream()
        .map(metric -> String.format(Locale.ROOT, "%s=%.4f", metric.getKey(), metric.getValue()))
        .collect(Collectors.joining(" "));
  }
}
