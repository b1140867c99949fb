package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one progress display of a sweep: steps trained over all runs (read from each running run's {@code
 * metrics.jsonl}), runs done and failed, and what each running run is at. On a terminal it is a progress
 * bar with events printed above it; otherwise a plain status line every {@link #LINE_INTERVAL} and one
 * line per event.
 */
public final class SweepProgress implements AutoCloseable {

  /** How often the plain display prints its status line. */
  public static final Duration LINE_INTERVAL = Duration.ofSeconds(30);

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintStream out;
  private final boolean bar;
  private final SweepDirectory directory;
  private final Map<String, Long> totalSteps;
  private final Map<String, String> phase = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private ProgressBar progressBar;
  private LinesAboveBar lines;
  private int done;
  private int failed;

  /**
   * @param out where the display goes
   * @param bar a progress bar (for a terminal) or plain lines
   * @param directory the sweep's directory, where running runs are read from
   * @param totalSteps every run's planned steps, by name in plan order
   */
  public SweepProgress(PrintStream out, boolean bar, SweepDirectory directory, Map<String, Long> totalSteps) {
    this.out = requireNonNull(out, "out is null");
    this.bar = bar;
    this.directory = requireNonNull(directory, "directory is null");
    this.totalSteps = new LinkedHashMap<>(totalSteps);
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sweep-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the display: {@code skipped} runs are already finished. */
  public synchronized void start(List<String> skipped) {
    done = skipped.size();
    skipped.forEach(run -> phase.put(run, "done"));
    long total = totalSteps.values().stream().mapToLong(Long::longValue).sum();
    if (bar) {
      lines = new LinesAboveBar(out);
      progressBar = new ProgressBarBuilder()
          .setConsumer(lines)
          .setTaskName("sweep " + directory.path().getFileName())
          .setInitialMax(Math.max(1, total))
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
          .setUnit(" steps", 1)
          .continuousUpdate()
          .build();
    }
    if (!skipped.isEmpty()) {
      event(skipped.size() + " of " + totalSteps.size() + " runs already finished: skipped");
    }
    long period = bar ? 1 : LINE_INTERVAL.toSeconds();
    ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.SECONDS);
  }

  /** A run's process started. */
  public synchronized void running(String run, int attempt) {
    phase.put(run, "running");
    event("run " + run + ": " + (attempt > 1 ? "resumed (process " + attempt + ")" : "started"));
  }

  /** A run finished training and evaluation. */
  public synchronized void finished(String run, RunResult result) {
    phase.put(run, "done");
    done++;
    Double seconds = result.metrics().get(SummaryMetric.TRAINING_SECONDS.id());
    Double fid = result.metrics().get(SummaryMetric.FID.id());
    event(String.format(Locale.ROOT, "run %s: finished%s%s (%d of %d runs done%s)", run,
        seconds == null ? "" : String.format(Locale.ROOT, ", trained in %.0f s", seconds),
        fid == null ? "" : String.format(Locale.ROOT, ", FID %.2f", fid), done, totalSteps.size(),
        failed > 0 ? ", " + failed + " failed" : ""));
  }

  /** A run's process failed. */
  public synchronized void failed(String run, String why) {
    phase.put(run, "failed");
    failed++;
    event("run " + run + ": FAILED: " + why);
  }

  private synchronized void tick() {
    try {
      long trained = 0;
      List<String> running = new ArrayList<>();
      for (Map.Entry<String, Long> run : totalSteps.entrySet()) {
        String state = phase.getOrDefault(run.getKey(), "queued");
        long step = switch (state) {
          case "done" -> run.getValue();
          case "running", "failed" -> Math.min(run.getValue(), lastStep(directory.run(run.getKey())));
          default -> 0;
        };
        trained += step;
        if (state.equals("running")) {
          running.add(run.getKey() + (step >= run.getValue() ? " eval" : " " + step + "/" + run.getValue()));
        }
      }
      String status = String.format(Locale.ROOT, "%d/%d runs done%s%s", done, totalSteps.size(),
          failed > 0 ? " (" + failed + " failed)" : "", running.isEmpty() ? "" : "; running " + String.join(", ", running));
      if (bar) {
        progressBar.stepTo(trained);
        progressBar.setExtraMessage(status);
      } else {
        long total = totalSteps.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "[%s] sweep %s: %d/%d steps; %s%n", LocalTime.now().format(CLOCK),
            directory.path().getFileName(), trained, total, status);
        out.flush();
      }
    } catch (RuntimeException e) {
      // a display problem never stops the sweep
    }
  }

  private void event(String line) {
    String stamped = "[" + LocalTime.now().format(CLOCK) + "] " + line;
    if (bar && lines != null) {
      lines.printAbove(stamped);
    } else {
      out.println(stamped);
      out.flush();
    }
  }

  /** The step of the last line of a run's {@code metrics.jsonl}, read from its end; 0 when there is none. */
  static long lastStep(Path runDirectory) {
    Path metrics = runDirectory.resolve("metrics.jsonl");
    if (!Files.exists(metrics)) {
      return 0;
    }
    try (RandomAccessFile file = new RandomAccessFile(metrics.toFile(), "r")) {
      long length = file.length();
      int tail = (int) Math.min(length, 8192);
      byte[] bytes = new byte[tail];
      file.seek(length - tail);
      file.readFully(bytes);
      String[] text = new String(bytes, StandardCharsets.UTF_8).split("\n");
      for (int i = text.length - 1; i >= 0; i--) {
        try {
          JsonNode node = JsonMapper.builder().build().readTree(text[i]);
          if (node != null && node.path("step").isIntegralNumber()) {
            return node.get("step").asLong();
          }
        } catch (IOException e) {
          // a torn or partial line: try the one before
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (progressBar != null) {
      tick();
      progressBar.close();
      progressBar = null;
    }
  }

  /** Draws the bar on one line and prints event lines above it. */
  private static final class LinesAboveBar extends ConsoleProgressBarConsumer {
    private static final String ERASE_LINE = "\r\033[K";
    private final PrintStream out;
    private String frame = "";

    LinesAboveBar(PrintStream out) {
      super(out, -1);
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
  }
}
