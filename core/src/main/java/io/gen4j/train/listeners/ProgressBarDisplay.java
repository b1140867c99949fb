package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal (with <a href="https://github.com/ctongfei/progressbar">progressbar</a>):
 * steps done of the total, elapsed time and ETA, and after each logged step the epoch, images per
 * second and the latest metrics. Warnings and a failure are printed as lines above the bar, which
 * goes on below them. Meant for an interactive terminal (it redraws its line with a carriage return
 * and ANSI erase-line); where output goes to a file or CI log, {@link LogLines} prints plain lines
 * instead.
 */
public final class ProgressBarDisplay implements TrainingListener {

  private final PrintStream out;
  private final int width;
  private ProgressBar bar;
  private LinesAboveBar lines;

  /** A bar on standard error, as wide as the terminal. */
  public ProgressBarDisplay() {
    this(System.err, -1);
  }

  /**
   * A bar drawn into another stream (for tests, or another output).
   *
   * @param width the width of the line in characters; 0 or less for the terminal's width
   */
  public ProgressBarDisplay(PrintStream out, int width) {
    this.out = requireNonNull(out, "out is null");
    this.width = width;
  }

  @Override
  public void onStart(TrainingStarted event) {
    close();
    lines = new LinesAboveBar(out, width);
    bar = new ProgressBarBuilder()
        .setConsumer(lines)
        .setTaskName("train " + event.modelType())
        .setInitialMax(event.totalSteps())
        .startsFrom(event.firstStep(), Duration.ZERO)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(" steps", 1)
        .build();
  }

  @Override
  public void afterStep(StepCompleted event) {
    started(event.step());
    bar.stepTo(event.step());
    bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d  %.0f img/s  %s", event.epoch(), event.imagesPerSecond(),
        format(event.metrics())));
    bar.refresh();
  }

  @Override
  public void onWarning(TrainingWarning event) {
    started(event.step());
    lines.printAbove(String.format(Locale.ROOT, "warning at step %d (%s): %s", event.step(), event.kind(), event.message()));
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
    if (lines != null) {
      lines.printAbove("training failed at step " + event.step() + ": " + event.cause().getMessage());
    }
    close();
  }

  private void started(long step) {
    if (bar == null) {
      throw new IllegalStateException("ProgressBarDisplay: onStart was not called before step " + step);
    }
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
      lines = null;
    }
  }

  private static String format(Map<String, Double> metrics) {
    return metrics.entrySet().stream()
        .map(metric -> String.format(Locale.ROOT, "%s=%.4f", metric.getKey(), metric.getValue()))
        .collect(Collectors.joining(" "));
  }

  /**
   * Draws the bar on one line, redrawn in place, and prints other lines above it: the bar's line is
   * erased, the line printed, and the bar drawn again below. The bar's own thread redraws it too, so
   * every method holds the lock.
   */
  private static final class LinesAboveBar extends ConsoleProgressBarConsumer {

    private static final String ERASE_LINE = "\r\033[K";

    private final PrintStream out;
    private String frame = "";

    LinesAboveBar(PrintStream out, int width) {
      super(out, width);
      this.out = out;
    }

    @Override
    public synchronized void accept(String rendered) {
      frame = rendered;
      out.print(ERASE_LINE);
      super.accept(rendered);
      out.flush();
    }

    synchronized void printAbove(String line) {
      out.print(ERASE_LINE);
      out.println(line);
      super.accept(frame);
      out.flush();
    }

    @Override
    public synchronized void close() {
      super.close();
    }
  }
}
