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
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressState;

/**
 * A progress display on the terminal, kept current by <a
 * href="https://github.com/ctongfei/progressbar">progressbar</a>'s refresh thread: a {@link
 * ProgressFrame} (a bar with steps, elapsed time, ETA, epoch and throughput, and every logged metric with
 * a short name and four significant digits, on the bar's line when there is room, else on lines below
 * it) fitted to the terminal's width. At the start it prints the run directory and the path of its
 * report; warnings and a failure are printed as lines above the display, which goes on below them.
 * Meant for an interactive terminal (it redraws in place with ANSI cursor movements); where output goes
 * to a file or a CI log, {@link LogLines} or {@link PrintedProgress} print plain lines instead.
 */
public final class ProgressBarDisplay implements TrainingListener {

  private final PrintStream out;
  private final IntSupplier width;
  private ProgressBar bar;
  private Frames frames;
  private String task = "";
  private volatile Map<String, Double> metrics = Map.of();
  private volatile long epoch = -1;
  private volatile double imagesPerSecond;

  /** A display on standard output, as wide as the terminal. */
  public ProgressBarDisplay() {
    this(System.out, 0);
  }

  /**
   * A display drawn into another stream (for tests, or another output).
   *
   * @param width the terminal's width in characters; 0 or less for the width of the terminal the process
   *     runs in
   */
  public ProgressBarDisplay(PrintStream out, int width) {
    this.out = requireNonNull(out, "out is null");
    ConsoleProgressBarConsumer terminal = width > 0 ? null : new ConsoleProgressBarConsumer(out);
    // the progressbar library knows the terminal's width (less a margin of one column)
    this.width = width > 0 ? () -> width : () -> terminal.getMaxRenderedLength() + 1;
  }

  @Override
  public void onStart(TrainingStarted event) {
    close();
    task = "train " + event.modelType();
    metrics = Map.of();
    epoch = -1;
    imagesPerSecond = 0;
    frames = new Frames(out, width);
    frames.printAbove(ProgressText.started(event));
    bar = new ProgressBarBuilder()
        .setConsumer(frames)
        .setRenderer(this::render)
        .setTaskName(task)
        .setInitialMax(event.totalSteps())
        .startsFrom(event.firstStep(), Duration.ZERO)
        .build();
  }

  @Override
  public void afterStep(StepCompleted event) {
    started(event.step());
    metrics = event.metrics();
    epoch = event.epoch();
    imagesPerSecond = event.imagesPerSecond();
    bar.stepTo(event.step());
    bar.refresh();
  }

  @Override
  public void onWarning(TrainingWarning event) {
    started(event.step());
    frames.printAbove(ProgressText.warning(event));
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
    if (frames != null) {
      frames.printAbove(ProgressText.failed(event));
    }
    close();
  }

  /** The frame for the bar's state, fitted to {@code width} columns. */
  private String render(ProgressState state, int columns) {
    ProgressFrame frame = new ProgressFrame(task, state.getStart(), state.getCurrent(), state.getMax(),
        state.getElapsedAfterStart(), epoch, imagesPerSecond, metrics);
    return String.join("\n", frame.lines(columns));
  }

  private void started(long step) {
    if (bar == null) {
      throw new IllegalStateException("ProgressBarDisplay: onStart was not called before step " + step);
    }
  }

  private void close() {
    if (bar != null) {
      bar.close();
      // the library closes its consumer only when its thread had drawn before (a bar closed before the
      // thread's first run is left open, without the final newline), so the frames are closed here too
      frames.close();
      bar = null;
      frames = null;
    }
  }

  /**
   * Draws each frame (one or more lines) over the previous one: back to the frame's first line, erase to
   * the end of the screen, draw. Lines printed above go where the frame was, and the frame is drawn again
   * below them. The bar's own thread draws too, so every method holds the lock.
   */
  static final class Frames implements ProgressBarConsumer {

    private static final String ERASE_TO_END = "\033[J";

    private final PrintStream out;
    private final IntSupplier width;
    private String frame = "";
    private int lines;
    private boolean closed;

    Frames(PrintStream out, IntSupplier width) {
      this.out = out;
      this.width = width;
    }

    @Override
    public int getMaxRenderedLength() {
      return width.getAsInt();
    }

    @Override
    public synchronized void accept(String rendered) {
      if (closed) {
        return; // a refresh of the bar's thread that was under way when the bar closed: the last frame stands
      }
      erase();
      draw(rendered);
      out.flush();
    }

    synchronized void printAbove(String text) {
      erase();
      out.println(text);
      draw(frame);
      out.flush();
    }

    /** Leaves the last frame on the screen and moves below it; closing again does nothing. */
    @Override
    public synchronized void close() {
      closed = true;
      if (lines > 0) {
        out.println();
        lines = 0;
      }
      out.flush();
    }

    private void erase() {
      if (lines == 0) {
        return;
      }
      out.print('\r');
      if (lines > 1) {
        out.print("\033[" + (lines - 1) + "A");
      }
      out.print(ERASE_TO_END);
      lines = 0;
    }

    private void draw(String rendered) {
      frame = rendered;
      if (rendered.isEmpty()) {
        return;
      }
      List<String> frameLines = rendered.lines().toList();
      out.print(String.join("\n", frameLines));
      lines = frameLines.size();
    }
  }
}
