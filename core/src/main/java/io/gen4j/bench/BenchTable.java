package io.gen4j.bench;

import java.util.Locale;

/** Formats benchmark results as the plain-text table {@code gen4j bench} prints. */
public final class BenchTable {

  private static final String ROW = "%-14s %-9s %5s %6s %9s %9s %9s %9s %6s %9s %10s %5s%n";

  private BenchTable() {}

  /** A few lines describing the machine and the settings. */
  public static String header(BenchEnvironment environment, BenchSettings settings) {
    return String.format(Locale.ROOT,
        "machine: %s, %d processors, %s RAM, %s, Java %s, TensorFlow %s; load average %s at start%n"
            + "%d warm-up + %d timed iterations per row; one iteration = one step of the model's trainer%n",
        environment.cpu(), environment.processors(), gibibytes(environment.memoryBytes()), environment.os(),
        environment.java(), environment.tensorflow(), load(environment.loadAverageAtStart()),
        settings.warmupIterations(), settings.iterations());
  }

  /** The column titles. */
  public static String columns() {
    return String.format(Locale.ROOT, ROW, "model", "input", "batch", "b/iter", "ms median", "ms p10", "ms p90",
        "images/s", "data", "peak RSS", "RSS growth", "load");
  }

  /** One row. */
  public static String row(BenchResult result) {
    if (result instanceof BenchFailure failed) {
      return String.format(Locale.ROOT, "%-14s %-9s %5d FAILED: %s%n",
          failed.modelType(), failed.mode().label(), failed.batchSize(), failed.error());
    }
    BenchMeasurement measured = (BenchMeasurement) result;
    IterationStatistics millis = measured.millisPerIteration();
    return String.format(Locale.ROOT, ROW,
        measured.modelType(), measured.mode().label(), measured.batchSize(), measured.batchesPerIteration(),
        millis(millis.median()), millis(millis.p10()), millis(millis.p90()),
        String.format(Locale.ROOT, "%.0f", measured.imagesPerSecond()),
        String.format(Locale.ROOT, "%.1f%%", 100 * measured.dataWaitShare()),
        measured.peakResidentBytes() == null ? "n/a" : mebibytes(measured.peakResidentBytes()),
        measured.residentGrowthBytes() == null ? "n/a" : signedMebibytes(measured.residentGrowthBytes()),
        load(measured.loadAverage()));
  }

  /** The whole report: header, columns, rows and footer. */
  public static String format(BenchReport report) {
    StringBuilder text = new StringBuilder(header(report.environment(), report.settings()));
    text.append(columns());
    report.results().forEach(result -> text.append(row(result)));
    return text.append(footer(report)).toString();
  }

  /** What follows the rows: the data pipeline's cost per model and batch size, and how memory was measured. */
  public static String footer(BenchReport report) {
    StringBuilder text = new StringBuilder();
    if (!report.pipelineCosts().isEmpty()) {
      text.append(String.format(Locale.ROOT, "%ndata pipeline cost (median ms per iteration, real - synthetic):%n"));
      for (PipelineCost cost : report.pipelineCosts()) {
        text.append(String.format(Locale.ROOT, "  %-14s batch %5d: %9s - %9s = %8s ms%n", cost.modelType(),
            cost.batchSize(), millis(cost.realMillis()), millis(cost.syntheticMillis()),
            millis(cost.differenceMillis())));
      }
    }
    text.append(String.format(Locale.ROOT, "%npeak RSS: %s%n", report.memoryMeasurement()));
    text.append(String.format(Locale.ROOT, "RSS growth: resident memory (VmRSS) after the timed iterations minus after"
        + " the warm-up: a leak check; run more --iterations to see a slow leak%n"));
    return text.toString();
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, Math.abs(value) < 100 ? "%.2f" : "%.1f", value);
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
  }

  private static String signedMebibytes(long bytes) {
    return String.format(Locale.ROOT, "%+.1f MiB", bytes / (1024.0 * 1024));
  }

  private static String gibibytes(long bytes) {
    return bytes <= 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  private static String load(double loadAverage) {
    return loadAverage < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", loadAverage);
  }
}
