package io.gen4j.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The report's section for {@code eval.json} (written by {@code gen4j eval}), drawn from the JSON tree
 * alone so that metrics added later show without a change here: a table with a row for every field of
 * {@code model} and {@code reference} (numbers, text, lists of numbers), then every other top-level
 * field (dataset, feature network, settings, run metrics, ...) as a row of its own, nested objects
 * written inline.
 */
final class EvaluationSection {

  /** The two rows of an evaluation compared side by side. */
  private static final String MODEL = "model";

  private static final String REFERENCE = "reference";

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
      error(page, name + ": expected objects \"" + MODEL + "\" and \"" + REFERENCE + "\" to compare");
    } else {
      page.append("<p>The model's figures beside the reference row: real training images scored the same way,"
          + " what a perfect generator would score.</p>\n");
      page.append("<table class=\"evaluation\">\n<tr><th>metric</th><th>model</th><th>reference</th></tr>\n");
      Set<String> fields = new LinkedHashSet<>();
      model.fieldNames().forEachRemaining(fields::add);
      reference.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        if (isRow(model.path(field)) || isRow(reference.path(field))) {
          page.append("<tr><td>").append(RunReport.escape(field)).append("</td>")
              .append(valueCell(model.path(field))).append(valueCell(reference.path(field))).append("</tr>\n");
        }
      }
      page.append("</table>\n");
    }
    page.append("<table class=\"details\">\n");
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!field.getKey().equals(MODEL) && !field.getKey().equals(REFERENCE)) {
        page.append("<tr><th>").append(RunReport.escape(field.getKey())).append("</th><td>")
            .append(RunReport.escape(inline(field.getValue()))).append("</td></tr>\n");
      }
    }
    page.append("</table>\n</section>\n");
    return page.toString();
  }

  private static String error(StringBuilder page, String problem) {
    page.append("<p class=\"error\">").append(RunReport.escape(problem)).append("</p>\n");
    return page.append("</section>\n").toString();
  }

  /** A scalar, or a list of scalars. */
  private static boolean isRow(JsonNode value) {
    return value.isValueNode()
        || value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode);
  }

  private static String valueCell(JsonNode value) {
    String css = value.isNumber() ? " class=\"value\"" : "";
    return "<td" + css + ">" + RunReport.escape(value.isMissingNode() ? "" : inline(value)) + "</td>";
  }

  /**
   * A value on one line: numbers to four significant digits, lists in brackets, objects as {@code key
   * value · key value} with nested objects in parentheses, an empty object as {@code none}.
   */
  static String inline(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (value.isNumber()) {
      return format(value.asDouble());
    }
    if (value.isArray()) {
      return StreamSupport.stream(value.spliterator(), false).map(EvaluationSection::inline)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (value.isObject() && value.isEmpty()) {
      return "none";
    }
    if (value.isObject()) {
      return value.properties().stream()
          .map(field -> field.getKey() + " "
              + (field.getValue().isObject() ? "(" + inline(field.getValue()) + ")" : inline(field.getValue())))
          .collect(Collectors.joining(" · "));
    }
    return value.isNull() ? "null" : value.asText();
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
