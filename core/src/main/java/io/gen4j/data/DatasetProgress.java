package io.gen4j.data;

import io.gen4j.spi.TaskProgress;
import java.io.Console;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the progress of downloads and decoding is shown: a bar on a terminal, log lines otherwise. */
public final class DatasetProgress {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetProgress.class);

  /** Log lines come at most this often. */
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private DatasetProgress() {}

  /**
   * A progress bar on standard error when this process runs on an interactive terminal (and {@code
   * TERM} is not {@code dumb}), else {@link #logLines()}.
   */
  public static TaskProgress.Factory automatic() {
    Console console = System.console();
    boolean terminal = console != null && !"dumb".equals(System.getenv("TERM"));
    return terminal ? bar() : logLines();
  }

  /** A progress bar on standard error. */
  public static TaskProgress.Factory bar() {
    return (task, total, unit) -> {
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" " + unit, 1)
          .continuousUpdate()
          .build();
      return new TaskProgress() {
        @Override
        public void advance(long amount) {
          bar.stepBy(amount);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    };
  }

  /** A log line when the task starts, at most every 10 seconds while it runs, and when it ends. */
  public static TaskProgress.Factory logLines() {
    return (task, total, unit) -> {
      LOG.info("{}: {} {}", task, total < 0 ? "?" : total, unit);
      long start = System.nanoTime();
      return new TaskProgress() {
        private long done;
        private long lastLog = start;

        @Override
        public synchronized void advance(long amount) {
          done += amount;
          long now = System.nanoTime();
          if (now - lastLog >= LOG_INTERVAL.toNanos()) {
            lastLog = now;
            LOG.info(String.format(Locale.ROOT, "%s: %d of %s %s (%.0f s)", task, done, total < 0 ? "?" : total, unit,
                (now - start) / 1e9));
          }
        }

        @Override
        public synchronized void close() {
          LOG.info(String.format(Locale.ROOT, "%s: %d %s in %.1f s", task, done, unit, (System.nanoTime() - start) / 1e9));
        }
      };
    };
  }
}
