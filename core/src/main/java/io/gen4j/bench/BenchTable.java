package io.gen4j.bench;

import io.gen4j.config.ThreadsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats benchmark results as the plain-text table {@code gen4j bench} prints. */
public final class BenchTable {

  private static final String ROW = "%-14s %-9s %5s %6s %8s %9s %9s %9s %9s %6s %9s %10s %5s %7s %8s %6s%s%n";

  /** Op types shown per row when profiled. */
  private static final int TOP_OP_TYPES_PER_ROW = 3;

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

  /** The machine's matmul peak, which every row is compared with. */
  public static String peak(ContractionSpeed peak) {
    return String.format(Locale.ROOT,
        "matmul peak: float32 %s, %.1f GFLOP/s (%.2f ms per product, timed alone in %d chains side by side)%n",
        peak.contraction().describe(), peak.gflopsPerSecond(), peak.millisPerOp(), peak.chains());
  }

  /** The column titles. */
  public static String columns() {
    return String.format(Locale.ROOT, ROW, "model", "input", "batch", "b/iter", "threads", "ms median", "ms p10", "ms p90",
        "images/s", "data", "peak RSS", "RSS growth", "load", "GFLOP", "floor ms", "%peak",
        "  top op types (profile)");
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
        threads(measured.threads(), measured.sideBySide()),
        millis(millis.median()), millis(millis.p10()), millis(millis.p90()),
        String.format(Locale.ROOT, "%.0f", measured.imagesPerSecond()),
        String.format(Locale.ROOT, "%.1f%%", 100 * measured.dataWaitShare()),
        measured.peakResidentBytes() == null ? "n/a" : mebibytes(measured.peakResidentBytes()),
        measured.residentGrowthBytes() == null ? "n/a" : signedMebibytes(measured.residentGrowthBytes()),
        load(measured.loadAverage()),
        String.format(Locale.ROOT, "%.2f", measured.flopsPerIteration() / 1e9),
        millis(measured.floorMillis()),
        percent(measured.peakShare()),
        measured.profile() == null ? "" : "  " + topOpTypes(measured.profile()));
  }

  /** Thread pools as {@code intra/inter}, with the processes side by side when more than one: {@code 2 x 1/1}. */
  static String threads(ThreadsConfig threads, int sideBySide) {
    String pools = threads.intraOp() + "/" + threads.interOp();
    return sideBySide == 1 ? pools : sideBySide + " x " + pools;
  }

  /**
   * What {@code gen4j bench --threads} measured: per model type, mode and batch size, the images per
   * second of each thread setting alone, and of processes side by side added up, against one process
   * with TensorFlow's own choice (every core in both pools) and against the best setting alone.
   *
   * @param choices gen4j's automatic choice per model type, marked with {@code *}
   */
  public static String threads(List<BenchResult> results, Map<String, ThreadsConfig> choices) {
    Map<String, Map<String, Double>> imagesPerSecond = new LinkedHashMap<>();
    Map<String, BenchMeasurement> firstOfRow = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    for (BenchResult result : results) {
      if (result instanceof BenchMeasurement measured) {
        String row = measured.modelType() + "@" + measured.mode().label() + "@" + measured.batchSize();
        String column = threads(measured.threads(), measured.sideBySide());
        if (!columns.contains(column)) {
          columns.add(column);
        }
        firstOfRow.putIfAbsent(row, measured);
        imagesPerSecond.computeIfAbsent(row, key -> new LinkedHashMap<>())
            .merge(column, measured.imagesPerSecond(), Double::sum);
      }
    }
    if (imagesPerSecond.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nthreads: images/s by TensorFlow's thread"
        + " pools (intra-op/inter-op), each setting in a process of its own; N x 1/1 = N processes side by side,%n"
        + "their images/s added up; * = gen4j's automatic choice; the last columns compare the processes side by"
        + " side with one process%n"));
    StringBuilder titles = new StringBuilder(String.format(Locale.ROOT, "%-14s %-9s %5s", "model", "input", "batch"));
    columns.forEach(column -> titles.append(String.format(Locale.ROOT, " %9s", column)));
    String together = columns.stream().filter(column -> column.contains(" x ")).findFirst().orElse(null);
    String all = columns.stream().filter(column -> !column.contains(" x ")).reduce((first, second) -> second).orElse(null);
    if (together != null) {
      titles.append(String.format(Locale.ROOT, "  %s vs %s, vs best alone", together, all));
    }
    text.append(titles).append(String.format(Locale.ROOT, "%n"));
    imagesPerSecond.forEach((row, values) -> {
      BenchMeasurement first = firstOfRow.get(row);
      ThreadsConfig choice = choices.get(first.modelType());
      String chosen = choice == null ? "" : threads(choice, 1);
      text.append(String.format(Locale.ROOT, "%-14s %-9s %5d", first.modelType(), first.mode().label(),
          first.batchSize()));
      for (String column : columns) {
        Double value = values.get(column);
        text.append(String.format(Locale.ROOT, " %9s",
            value == null ? "-" : String.format(Locale.ROOT, "%.0f", value) + (column.equals(chosen) ? "*" : "")));
      }
      if (together != null && values.containsKey(together)) {
        double best = values.entrySet().stream().filter(entry -> !entry.getKey().contains(" x "))
            .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
        Double allAlone = values.get(all);
        text.append(String.format(Locale.ROOT, "  %.2fx, %.2fx",
            allAlone == null ? Double.NaN : values.get(together) / allAlone, values.get(together) / best));
      }
      text.append(String.format(Locale.ROOT, "%n"));
    });
    return text.toString();
  }

  private static String topOpTypes(OpProfile profile) {
    return profile.opTypes().stream().limit(TOP_OP_TYPES_PER_ROW)
        .map(type -> type.type() + " " + percent(type.share()))
        .collect(Collectors.joining(", "));
  }

  /** The whole report: header, columns, rows and footer. */
  public static String format(BenchReport report) {
    StringBuilder text = new StringBuilder(header(report.environment(), report.settings()));
    text.append(peak(report.peak()));
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
    text.append(ownShapes(report.results()));
    text.append(profiles(report.results()));
    text.append(String.format(Locale.ROOT, "%npeak RSS: %s%n", report.memoryMeasurement()));
    text.append(String.format(Locale.ROOT, "RSS growth: resident memory (VmRSS) after the timed iterations minus after"
        + " the warm-up: a leak check; run more --iterations to see a slow leak%n"));
    return text.toString();
  }

  /**
   * For each model type and batch size timed with {@code --peak}: its contractions timed alone at their
   * own shapes, and their summed time.
   */
  static String ownShapes(List<BenchResult> results) {
    Map<String, BenchMeasurement> byModelAndBatch = new LinkedHashMap<>();
    for (BenchResult result : results) {
      if (result instanceof BenchMeasurement measured && measured.ownShapes() != null) {
        byModelAndBatch.putIfAbsent(measured.modelType() + "@" + measured.batchSize(), measured);
      }
    }
    if (byModelAndBatch.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%nmatrix products and convolutions of one iteration, each timed alone at its own shapes:%n"));
    for (BenchMeasurement measured : byModelAndBatch.values()) {
      OwnShapePeak own = measured.ownShapes();
      int ops = own.contractions().stream().mapToInt(OwnShapePeak.Use::count).sum();
      text.append(String.format(Locale.ROOT,
          "  %s, batch %d: %d ops, %.2f GFLOP, %s ms alone (%.1f GFLOP/s); the step takes %s ms, %s of that%n",
          measured.modelType(), measured.batchSize(), ops, measured.flopsPerIteration() / 1e9,
          millis(own.millisPerIteration()), own.gflopsPerSecond(), millis(measured.millisPerIteration().median()),
          percent(own.millisPerIteration() / measured.millisPerIteration().median())));
      for (OwnShapePeak.Use use : own.contractions()) {
        text.append(String.format(Locale.ROOT, "    %3dx %-58s %9s ms %7.1f GFLOP/s%n", use.count(),
            use.speed().contraction().describe(), micros(use.speed().millisPerOp()),
            use.speed().gflopsPerSecond()));
      }
    }
    return text.toString();
  }

  /** The op-time shares of every profiled row, one column per category. */
  static String profiles(List<BenchResult> results) {
    List<BenchMeasurement> profiled = results.stream()
        .filter(result -> result instanceof BenchMeasurement measured && measured.profile() != null)
        .map(BenchMeasurement.class::cast)
        .toList();
    if (profiled.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "%nprofile (%d traced iterations per row): share of the summed op time per category, the matmul and"
            + " convolution%nspeed inside the step, and the share of the untraced step spent outside TensorFlow's ops"
            + " (Java + Session.run calls):%n", profiled.get(0).profile().tracedIterations()));
    StringBuilder titles = new StringBuilder(String.format(Locale.ROOT, "%-14s %-9s %5s %8s", "model", "input",
        "batch", "op ms"));
    for (OpCategory category : OpCategory.values()) {
      titles.append(String.format(Locale.ROOT, " %6s", category.shortLabel()));
    }
    text.append(titles).append(String.format(Locale.ROOT, " %9s  %s%n", "GFLOP/s", "outside TF"));
    for (BenchMeasurement measured : profiled) {
      OpProfile profile = measured.profile();
      text.append(String.format(Locale.ROOT, "%-14s %-9s %5d %8s", measured.modelType(), measured.mode().label(),
          measured.batchSize(), millis(profile.opMillisPerIteration())));
      for (OpCategory category : OpCategory.values()) {
        text.append(String.format(Locale.ROOT, " %6s", percent(profile.share(category))));
      }
      text.append(String.format(Locale.ROOT, " %9.1f  %s (Java %s, %.0f calls x %.0f us)%n",
          profile.contractionGflopsPerSecond(), percent(profile.outsideTensorFlowShare()),
          percent(profile.javaShare()), profile.sessionRunsPerIteration(), profile.sessionCallMicros()));
    }
    text.append(String.format(Locale.ROOT, "top op types:%n"));
    for (BenchMeasurement measured : profiled) {
      text.append(String.format(Locale.ROOT, "  %s %s %d: %s%n", measured.modelType(), measured.mode().label(),
          measured.batchSize(), measured.profile().opTypes().stream()
              .map(type -> type.type() + " " + percent(type.share()))
              .collect(Collectors.joining(", "))));
    }
    return text.toString();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String micros(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
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
