package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An {@link EvaluationReport} as the plain-text table {@code gen4j eval} prints. */
public final class EvaluationTable {

  /** The label of the reference row. */
  public static final String REFERENCE_LABEL = "reference (train vs test)";

  /** What the table says of gen4j's own feature networks. */
  public static final String BUILT_IN_NOTE = "note: measured in gen4j's feature space for this dataset and image size:"
      + " compare with other gen4j evaluations of the same dataset, not with published (Inception) FIDs;"
      + " --features SAVED_MODEL_DIR measures in a network of your choice";

  /** What the table says of a SavedModel's features. */
  public static final String SAVED_MODEL_NOTE = "note: comparable with published FIDs only if this is the network"
      + " and the preprocessing (input size, resizing, value range) they used";

  /** What the table says when the features come without the dataset's classes. */
  public static final String NO_CLASSES_NOTE =
      "note: these features come without the dataset's classes, so IS and class coverage are not measured";

  /** What a cell shows for a metric that was not measured. */
  private static final String NOT_MEASURED = "–";

  private static final String ROW = "%-28s %9s %21s %7s %9s %9s %7s%n";

  private EvaluationTable() {}

  /** The whole report: features, settings, the two rows, class histograms and run metrics. */
  public static String format(EvaluationReport report, String modelLabel) {
    requireNonNull(report, "report is null");
    requireNonNull(modelLabel, "modelLabel is null");
    StringBuilder text = new StringBuilder();
    text.append(features(report.featureNetwork()));
    EvaluationSettings settings = report.settings();
    text.append(String.format(Locale.ROOT,
        "%d samples against %s's test split (%d images); seed %d, KID over %d subsets of %d, precision/recall k = %d%n%n",
        report.model().count(), report.dataset(), report.testImages(), settings.seed(), settings.kidSubsets(),
        Math.min(settings.kidSubsetSize(), Math.min(report.model().count(), report.testImages())),
        settings.neighbours()));
    text.append(rows(List.of(modelLabel, REFERENCE_LABEL), List.of(report.model(), report.reference())));
    if (report.model().hasClassMetrics() && report.reference().hasClassMetrics()) {
      text.append(System.lineSeparator());
      text.append(histograms(List.of(modelLabel, REFERENCE_LABEL), List.of(report.model(), report.reference())));
    }
    report.conditional().ifPresent(conditional -> text.append(System.lineSeparator()).append(classes(conditional)));
    for (Map.Entry<String, RunMetrics.LoggedValue> metric : report.runMetrics().entrySet()) {
      RunMetrics.LoggedValue value = metric.getValue();
      text.append(String.format(Locale.ROOT, "%s: %.4f (logged by the run at step %d, %d images%s)%n",
          metric.getKey(), value.value(), value.step(), value.images(),
          value.protocol().isEmpty() ? "" : ", " + value.protocol()));
    }
    return text.toString();
  }

  /**
   * What the features are, where they live, and what the figures can be compared with: two lines, three
   * when IS and class coverage are left out.
   */
  public static String features(EvaluationReport.FeatureNetworkSummary features) {
    requireNonNull(features, "features is null");
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "features: %s (%s)%n", features.description(), features.cacheEntry()));
    if (features.kind() == EvaluationReport.FeatureNetworkSummary.Kind.SAVED_MODEL) {
      text.append(SAVED_MODEL_NOTE).append(System.lineSeparator());
    } else {
      text.append(BUILT_IN_NOTE).append(System.lineSeparator());
    }
    if (features.kind() != EvaluationReport.FeatureNetworkSummary.Kind.CLASSIFIER) {
      text.append(NO_CLASSES_NOTE).append(System.lineSeparator());
    }
    return text.toString();
  }

  /** The column headers of a row, in order: FID, KID ×10³ mean ± std, IS, class KL, precision, recall. */
  public static final List<String> HEADERS = List.of("FID", "KID x1000", "IS", "class KL", "precision", "recall");

  /** Whether a lower value of each column is better, in the order of {@link #HEADERS}. */
  public static final List<Boolean> LOWER_IS_BETTER = List.of(true, true, false, true, false, false);

  /** The header and one line per row: FID, KID ×10³ mean ± std, IS, class KL, precision, recall. */
  public static String rows(List<String> labels, List<SampleMetrics> rows) {
    StringBuilder text = new StringBuilder();
    List<Object> header = new ArrayList<>(List.of(""));
    header.addAll(HEADERS);
    text.append(String.format(Locale.ROOT, ROW, header.toArray()));
    for (int i = 0; i < rows.size(); i++) {
      SampleMetrics row = rows.get(i);
      List<Object> line = new ArrayList<>(List.of(labels.get(i)));
      line.addAll(cells(row.fid(), row.kidMean(), row.kidStandardDeviation(),
          row.inceptionScore() == null ? Double.NaN : row.inceptionScore(),
          row.classKlToUniform() == null ? Double.NaN : row.classKlToUniform(), row.precision(), row.recall()));
      text.append(String.format(Locale.ROOT, ROW, line.toArray()));
    }
    return text.toString();
  }

  /**
   * A conditional model's classes: the feature network's accuracy on the requested labels, overall and
   * per class, and each class's FID against the test images of that class.
   */
  public static String classes(ConditionalMetrics conditional) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "conditional: the feature network classifies %.2f%% of the samples as the class they were drawn for;"
            + " mean per-class FID %.3f%n", 100 * conditional.accuracy(), conditional.meanClassFid()));
    text.append(String.format(Locale.ROOT, "%-28s", "requested class"));
    conditional.classes().forEach(row -> text.append(String.format(Locale.ROOT, " %7d", row.label())));
    text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-28s", "accuracy (%)"));
    conditional.classes().forEach(row -> text.append(String.format(Locale.ROOT, " %7.2f", 100 * row.accuracy())));
    text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-28s", "FID vs the class's test images"));
    conditional.classes().forEach(row -> text.append(String.format(Locale.ROOT, " %7.2f", row.fid())));
    text.append(System.lineSeparator());
    return text.toString();
  }

  /**
   * A row's cells as {@code gen4j eval} prints them (and the run report shows them), in the order of
   * {@link #HEADERS}: KID scaled by 1000; a value that is not a number (missing) as "–".
   */
  public static List<String> cells(
      double fid, double kidMean, double kidStandardDeviation, double inceptionScore, double classKl,
      double precision, double recall) {
    return List.of(
        number("%.3f", fid),
        Double.isNaN(kidMean) ? NOT_MEASURED : number("%.3f", 1000 * kidMean)
            + (Double.isNaN(kidStandardDeviation) ? "" : " ± " + number("%.3f", 1000 * kidStandardDeviation)),
        number("%.3f", inceptionScore),
        number("%.4f", classKl),
        number("%.3f", precision),
        number("%.3f", recall));
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) ? NOT_MEASURED : String.format(Locale.ROOT, format, value);
  }

  /** The predicted-class histogram of each row, one column per class. */
  public static String histograms(List<String> labels, List<SampleMetrics> rows) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-28s", "predicted class"));
    int classes = rows.get(0).classHistogram().length;
    for (int c = 0; c < classes; c++) {
      text.append(String.format(Locale.ROOT, " %6d", c));
    }
    text.append(System.lineSeparator());
    for (int i = 0; i < rows.size(); i++) {
      text.append(String.format(Locale.ROOT, "%-28s", labels.get(i)));
      for (long count : rows.get(i).classHistogram()) {
        text.append(String.format(Locale.ROOT, " %6d", count));
      }
      text.append(System.lineSeparator());
    }
    return text.toString();
  }
}
