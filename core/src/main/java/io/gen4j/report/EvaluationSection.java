package io.gen4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.eval.EvaluationTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's section for {@code eval.json} (written by {@code gen4j eval}), read from the JSON tree:
 * the settings in a sentence, the model's row beside the reference row with the columns and scaling of
 * {@code gen4j eval} (KID ×1000), any further numeric score a row carries as a column of its own, the
 * predicted-class histograms as a small bar chart, and the run's own held-out scores.
 */
final class EvaluationSection {

  private static final String MODEL = "model";
  private static final String REFERENCE = "reference";

  /** Fields of a row shown elsewhere than as a column of their own. */
  private static final Set<String> SHOWN = Set.of("source", "count", "seconds", "classHistogram", "fid", "kidMean",
      "kidStandardDeviation", "inceptionScore", "classKlToUniform", "precision", "recall");

  private static final String REFERENCE_COLOUR = "#aaaaaa";

  private static final int HISTOGRAM_WIDTH = 640;
  private static final int HISTOGRAM_HEIGHT = 170;

  private EvaluationSection() {}

  /**
   * The section's HTML.
   *
   * @param file names the file in the problems the section shows
   * @param text the file's content
   */
  static String html(Path file, String text) {
    StringBuilder page = new StringBuilder("<section id=\"evaluation\">\n<h2>Evaluation</h2>\n");
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(text);
    } catch (JsonProcessingException e) {
      return error(page, name + ": not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return error(page, name + ": expected a JSON object");
    }
    JsonNode model = root.path(MODEL);
    JsonNode reference = root.path(REFERENCE);
    if (!model.isObject() || !reference.isObject()) {
      return error(page, name + ": expected objects \"" + MODEL + "\" and \"" + REFERENCE + "\" to compare");
    }
    page.append("<p>").append(RunReport.escape(settings(root, model))).append("</p>\n");
    page.append(table(model, reference));
    page.append("<p class=\"note\">Lower is better for FID, KID and class KL; higher for IS, precision and recall."
        + " The reference row scores real training images the same way: what a perfect generator would reach.</p>\n");
    page.append(histogram(model.path("classHistogram"), reference.path("classHistogram")));
    page.append(runMetrics(root.path("runMetrics")));
    if (root.hasNonNull("created")) {
      page.append("<p class=\"note\">Evaluated ").append(RunReport.escape(root.get("created").asText()))
          .append(" (").append(RunReport.escape(name)).append(").</p>\n");
    }
    return page.append("</section>\n").toString();
  }

  private static String error(StringBuilder page, String problem) {
    page.append("<p class=\"error\">").append(RunReport.escape(problem)).append("</p>\n");
    return page.append("</section>\n").toString();
  }

  /** "10000 samples against mnist's test split (10000 images); seed 1, ...; feature network ...". */
  private static String settings(JsonNode root, JsonNode model) {
    JsonNode settings = root.path("settings");
    JsonNode network = root.path("featureNetwork");
    StringBuilder text = new StringBuilder();
    text.append(model.path("count").asText("?")).append(" samples against ")
        .append(root.path("dataset").asText("the dataset")).append("'s test split");
    if (root.has("testImages")) {
      text.append(" (").append(root.get("testImages").asText()).append(" images)");
    }
    List<String> parts = new ArrayList<>();
    if (settings.has("seed")) {
      parts.add("seed " + settings.get("seed").asText());
    }
    if (settings.has("kidSubsets")) {
      parts.add("KID over " + settings.get("kidSubsets").asText() + " subsets"
          + (settings.has("kidSubsetSize") ? " of " + settings.get("kidSubsetSize").asText() : ""));
    }
    if (settings.has("neighbours")) {
      parts.add("precision/recall k = " + settings.get("neighbours").asText());
    }
    if (!parts.isEmpty()) {
      text.append("; ").append(String.join(", ", parts));
    }
    if (network.has("testAccuracy")) {
      text.append(String.format(Locale.ROOT, ". Feature network: %s, test accuracy %.2f%%.",
          network.path("dataset").asText(root.path("dataset").asText("?")), 100 * network.get("testAccuracy").asDouble()));
    } else {
      text.append('.');
    }
    return text.toString();
  }

  private static String table(JsonNode model, JsonNode reference) {
    Set<String> extra = new LinkedHashSet<>();
    for (JsonNode row : List.of(model, reference)) {
      row.properties().forEach(field -> {
        if (!SHOWN.contains(field.getKey()) && field.getValue().isNumber()) {
          extra.add(field.getKey());
        }
      });
    }
    StringBuilder html = new StringBuilder("<table class=\"evaluation\">\n<tr><th></th>");
    for (String header : EvaluationTable.HEADERS) {
      html.append("<th class=\"value\">").append(RunReport.escape(header.replace(" x1000", " ×1000"))).append("</th>");
    }
    extra.forEach(field -> html.append("<th class=\"value\">").append(RunReport.escape(field)).append("</th>"));
    html.append("</tr>\n");
    html.append(row("model", model, extra)).append(row(EvaluationTable.REFERENCE_LABEL, reference, extra));
    return html.append("</table>\n").toString();
  }

  private static String row(String label, JsonNode row, Set<String> extra) {
    StringBuilder html = new StringBuilder("<tr><th>").append(RunReport.escape(label)).append("</th>");
    List<String> cells = EvaluationTable.cells(number(row, "fid"), number(row, "kidMean"),
        number(row, "kidStandardDeviation"), number(row, "inceptionScore"), number(row, "classKlToUniform"),
        number(row, "precision"), number(row, "recall"));
    cells.forEach(cell -> html.append("<td class=\"value\">").append(RunReport.escape(cell)).append("</td>"));
    for (String field : extra) {
      double value = number(row, field);
      html.append("<td class=\"value\">").append(Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.4g", value))
          .append("</td>");
    }
    return html.append("</tr>\n").toString();
  }

  private static double number(JsonNode row, String field) {
    JsonNode value = row.path(field);
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }

  /** Both rows' predicted-class counts as bars side by side per class, in SVG. */
  private static String histogram(JsonNode model, JsonNode reference) {
    if (!model.isArray() || model.isEmpty()) {
      return "";
    }
    int classes = model.size();
    double highest = 1;
    for (JsonNode counts : List.of(model, reference)) {
      for (JsonNode count : counts) {
        highest = Math.max(highest, count.asDouble());
      }
    }
    int left = 44;
    int bottom = 22;
    double plotWidth = HISTOGRAM_WIDTH - left - 8;
    double plotHeight = HISTOGRAM_HEIGHT - 10 - bottom;
    double band = plotWidth / classes;
    double bar = band * 0.4;
    StringBuilder svg = new StringBuilder("<figure class=\"histogram\"><figcaption>predicted class of each image"
        + " (the feature network's classifier)</figcaption>\n");
    svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\""
        + " aria-label=\"predicted-class histogram\">%n", HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT));
    double axisY = 10 + plotHeight;
    svg.append(String.format(Locale.ROOT, "<line class=\"x-axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
        left, axisY, left + plotWidth, axisY));
    svg.append(String.format(Locale.ROOT, "<text class=\"tick y\" x=\"%d\" y=\"14\" text-anchor=\"end\">%.0f</text>%n",
        left - 6, highest));
    svg.append(String.format(Locale.ROOT, "<text class=\"tick y\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>%n",
        left - 6, axisY));
    int labelEvery = Math.max(1, (int) Math.ceil(classes / (plotWidth / 18)));
    for (int c = 0; c < classes; c++) {
      double x = left + c * band + band * 0.1;
      appendBar(svg, x, bar, model.path(c).asDouble(), highest, axisY, plotHeight, MetricsChart.COLOURS.get(0), "model", c);
      appendBar(svg, x + bar, bar, reference.path(c).asDouble(), highest, axisY, plotHeight, REFERENCE_COLOUR, "reference", c);
      if (c % labelEvery == 0) {
        svg.append(String.format(Locale.ROOT, "<text class=\"tick x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
            left + (c + 0.5) * band, axisY + 15, c));
      }
    }
    svg.append("</svg>\n");
    svg.append(MetricsChart.legend(
        List.of("model", EvaluationTable.REFERENCE_LABEL), List.of(MetricsChart.COLOURS.get(0), REFERENCE_COLOUR)));
    return svg.append("</figure>\n").toString();
  }

  private static void appendBar(
      StringBuilder svg, double x, double width, double count, double highest, double axisY, double plotHeight,
      String colour, String row, int c) {
    double height = count / highest * plotHeight;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
        + "<title>%s, class %d: %.0f</title></rect>%n", x, axisY - height, width, height, colour, row, c, count));
  }

  /** The run's own held-out scores that {@code gen4j eval} copied from {@code metrics.jsonl}. */
  private static String runMetrics(JsonNode metrics) {
    if (!metrics.isObject() || metrics.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<h3>Scores the run logged</h3>\n<table class=\"evaluation\">\n"
        + "<tr><th>score</th><th class=\"value\">value</th><th class=\"value\">step</th><th class=\"value\">images</th>"
        + "<th>protocol</th></tr>\n");
    for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
      JsonNode value = metric.getValue();
      html.append("<tr><td>").append(RunReport.escape(metric.getKey())).append("</td><td class=\"value\">")
          .append(value.path("value").isNumber() ? String.format(Locale.ROOT, "%.4f", value.get("value").asDouble()) : "–")
          .append("</td><td class=\"value\">").append(RunReport.escape(value.path("step").asText("")))
          .append("</td><td class=\"value\">").append(RunReport.escape(value.path("images").asText("")))
          .append("</td><td>").append(RunReport.escape(value.path("protocol").asText(""))).append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }
}
