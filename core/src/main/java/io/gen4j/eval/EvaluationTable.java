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

  private static final String ROW = "%-28s %9s %21s %7s %9s %9s %7s%n";

  private EvaluationTable() {}

  /** The whole report: feature network, settings, the two rows, class histograms and run metrics. */
  public static String format(EvaluationReport report, String modelLabel) {
    requireNonNull(report, "report is null");
    requireNonNull(modelLabel, "modelLabel is null");
    StringBuilder text = new StringBuilder();
    EvaluationReport.FeatureNetworkSummary network = report.featureNetwork();
    text.append(String.format(Locale.ROOT, "feature network: %s, test accuracy %.2f%% (%s)%n",
        network.dataset(), 100 * network.testAccuracy(), network.cacheEntry()));
    EvaluationSettings settings = report.settings();
    text.append(String.format(Locale.ROOT,
        "%d samples against %s's test split (%d images); seed %d, KID over %d subsets of %d, precision/recall k = %d%n%n",
        report.model().count(), report.dataset(), report.testImages(), settings.seed(), settings.kidSubsets(),
        Math.min(settings.kidSubsetSize(), Math.min(report.model().count(), report.testImages())),
        settings.neighbours()));
    text.append(rows(List.of(modelLabel, REFERENCE_LABEL), List.of(report.model(), report.reference())));
    text.append(System.lineSeparator());
    text.append(histograms(List.of(modelLabel, REFERENCE_LABEL), List.of(report.model(), report.reference())));
    for (Map.Entry<String, RunMetrics.LoggedValue> metric : report.runMetrics().entrySet()) {
      RunMetrics.LoggedValue value = metric.getValue();
      text.append(String.format(Locale.ROOT, "%s: %.4f (logged by the run at step %d, %d images%s)%n",
          metric.getKey(), value.value(), value.step(), value.images(),
          value.protocol().isEmpty() ? "" : ", " + value.protocol()));
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
      line.addAll(cells(row.fid(), row.kidMean(), row.kidStandardDeviation(), row.inceptionScore(),
          row.classKlToUniform(), row.precision(), row.recall()));
      text.append(String.format(Locale.ROOT, ROW, line.toArray()));
    }
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
        Double.isNaN(kidMean) ? "–" : number("%.3f", 1000 * kidMean)
            + (Double.isNaN(kidStandardDeviation) ? "" : " ± " + number("%.3f", 1000 * kidStandardDeviation)),
        number("%.3f", inceptionScore),
        number("%.4f", classKl),
        number("%.3f", precision),
        number("%.3f", recall));
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
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
