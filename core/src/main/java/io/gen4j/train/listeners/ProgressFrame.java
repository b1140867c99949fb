package io.gen4j.train.listeners;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the progress display shows at one moment, drawn to fit a terminal width: a status line with a
 * bar, the percentage, steps, elapsed time and ETA, epoch and throughput; then every metric as {@code
 * <short name> <value>}, on the status line when they fit there, otherwise on lines of their own below
 * it, wrapped between metrics. No line is wider than the width.
 *
 * @param task what is running, e.g. {@code train gan}
 * @param firstStep the step this process started at (a resumed run's checkpoint)
 * @param step steps done
 * @param totalSteps the step the run ends at
 * @param elapsed time since this process started training
 * @param epoch the epoch of the last logged step, or -1 before the first
 * @param imagesPerSecond throughput over the last logged interval, or 0 before the first
 * @param metrics the last logged metrics, by full name, in the order to show them
 */
public record ProgressFrame(
    String task, long firstStep, long step, long totalSteps, Duration elapsed, long epoch, double imagesPerSecond,
    Map<String, Double> metrics) {

  /** The narrowest bar drawn; a status line that cannot fit one drops its less important parts first. */
  public static final int MINIMUM_BAR = 10;

  /** The narrowest bar drawn with the metrics on its line; narrower, they go on lines of their own. */
  public static final int MINIMUM_INLINE_BAR = 20;

  private static final String GAP = "  ";

  public ProgressFrame {
    requireNonNull(task, "task is null");
    requireNonNull(elapsed, "elapsed is null");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metrics, "metrics is null")));
  }

  /** The lines of the frame for a terminal {@code width} characters wide (at least 20). */
  public List<String> lines(int width) {
    int usable = Math.max(20, width);
    double fraction = totalSteps <= 0 ? 0 : Math.min(1, step / (double) totalSteps);
    String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
    String steps = step + "/" + totalSteps;
    String time = clock(elapsed) + "<" + eta();
    String rate = epoch < 0 ? "" : "epoch " + epoch + GAP + throughput() + " img/s";
    // drop the least important parts until a bar of MINIMUM_BAR fits
    List<String> tail = new ArrayList<>(List.of(steps, time, rate));
    String head = task + " " + percent + " ";
    while (head.length() + MINIMUM_BAR + 2 + length(tail) > usable && !tail.isEmpty()) {
      tail.remove(tail.size() - 1);
    }
    String after = String.join(GAP, tail.stream().filter(part -> !part.isEmpty()).toList());
    List<String> items = new ArrayList<>();
    metrics.forEach((name, value) -> items.add(MetricText.shortName(name) + " " + MetricText.value(value)));
    String metricsText = String.join(GAP, items);
    // the metrics go on the status line when a bar of MINIMUM_INLINE_BAR still fits beside them
    int fixed = head.length() + 2 + (after.isEmpty() ? 0 : 1 + after.length());
    boolean inline = !items.isEmpty() && fixed + MINIMUM_INLINE_BAR + GAP.length() + metricsText.length() <= usable;
    int cells = usable - fixed - (inline ? GAP.length() + metricsText.length() : 0);
    String status = head + bar(fraction, Math.max(MINIMUM_BAR, cells + 2)) + (after.isEmpty() ? "" : " " + after);
    List<String> lines = new ArrayList<>();
    if (inline) {
      lines.add(status + GAP + metricsText);
      return lines;
    }
    lines.add(status);
    StringBuilder line = new StringBuilder();
    for (String item : items) {
      String piece = item.length() > usable ? item.substring(0, usable) : item;
      if (line.length() > 0 && line.length() + GAP.length() + piece.length() > usable) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? GAP : "").append(piece);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static int length(List<String> parts) {
    int total = 0;
    for (String part : parts) {
      total += part.isEmpty() ? 0 : part.length() + GAP.length();
    }
    return total;
  }

  /** {@code [████▌   ]}, {@code width} characters including the brackets, eighths of a cell drawn. */
  static String bar(double fraction, int width) {
    int cells = width - 2;
    int eighths = (int) Math.round(fraction * cells * 8);
    StringBuilder bar = new StringBuilder("[");
    for (int cell = 0; cell < cells; cell++) {
      int filled = Math.max(0, Math.min(8, eighths - cell * 8));
      bar.append(filled == 8 ? '█' : filled == 0 ? ' ' : " ▏▎▍▌▋▊▉".charAt(filled));
    }
    return bar.append(']').toString();
  }

  private String eta() {
    long done = step - firstStep;
    if (done <= 0 || step >= totalSteps) {
      return step >= totalSteps ? "0:00" : "?";
    }
    return clock(Duration.ofMillis((long) (elapsed.toMillis() / (double) done * (totalSteps - step))));
  }

  private String throughput() {
    if (imagesPerSecond >= 1e4) {
      return String.format(Locale.ROOT, "%.1fk", imagesPerSecond / 1000);
    }
    return String.format(Locale.ROOT, "%.0f", imagesPerSecond);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
