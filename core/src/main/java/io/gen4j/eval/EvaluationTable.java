package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

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
    report.conditional().ifPresent(conditional -> text.append(System.lineSeparator()).append(classes(conditional)));
    for (Map.Entry<String, RunMetrics.LoggedValue> metric : report.runMetrics().entrySet()) {
      RunMetrics.LoggedValue value = metric.getValue();
      text.append(String.format(Locale.ROOT, "%s: %.4f (logged by the run at step %d, %d images%s)%n",
          metric.getKey(), value.value(), value.step(), value.images(),
          value.protocol().isEmpty() ? "" : ", " + value.protocol()));
    }
    return text.toString();
  }

  /** The header and one line per row: FID, KID ×10³ mean ± std, IS, class KL, precision, recall. */
  public static String rows(List<String> labels, List<SampleMetrics> rows) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, ROW, "", "FID", "KID x1000", "IS", "class KL", "precision", "recall"));
    for (int i = 0; i < rows.size(); i++) {
      SampleMetrics row = rows.get(i);
      text.append(String.format(Locale.ROOT, ROW, labels.get(i),
          String.format(Locale.ROOT, "%.3f", row.fid()),
          String.format(Locale.ROOT, "%.3f ± %.3f", 1000 * row.kidMean(), 1000 * row.kidStandardDeviation()),
          String.format(Locale.ROOT, "%.3f", row.inceptionScore()),
          String.format(Locale.ROOT, "%.4f", row.classKlToUniform()),
          String.format(Locale.ROOT, "%.3f", row.precision()),
          String.format(Locale.ROOT, "%.3f", row.recall())));
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
