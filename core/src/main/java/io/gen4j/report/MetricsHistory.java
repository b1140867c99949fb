package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.spi.TrainingWarning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every series of a run's {@code metrics.jsonl}: each numeric key of each line but {@code step} and
 * {@code epoch}, against the line's {@code step}. Keys that only some lines carry (an evaluation
 * logged less often, say) are series of their own with fewer points.
 *
 * <p>A line whose step is not after the previous line's starts again from there: a resumed run
 * re-logs the steps after its checkpoint, and those lines replace the earlier ones from that step on.
 *
 * <p>Warning lines ({@code step}, {@code warning}: the kind, {@code message}) are no series: they are
 * {@link #warnings()}, every one kept, in file order.
 *
 * <p>Evaluation lines ({@code step}, {@code evaluation}: the dataset scored, {@code images}, {@code
 * protocol} and the scores) give series named after the dataset and the score, such as {@code
 * mnist-test negative_elbo}, so that held-out scores never mix with the training metrics of the same
 * name; they do not cut the history of the training lines logged at their step.
 */
public final class MetricsHistory {

  /** Keys of a metrics line that are not series. */
  private static final List<String> POSITION_KEYS = List.of("step", "epoch");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** The key that marks a warning line. */
  private static final String WARNING_KEY = "warning";

  /** The key that marks an evaluation line; its value names the dataset scored. */
  private static final String EVALUATION_KEY = "evaluation";

  /** Keys of an evaluation line that are not series. */
  private static final List<String> EVALUATION_POSITION_KEYS = List.of("step", "images");

  private final Map<String, List<MetricPoint>> series;
  private final List<TrainingWarning> warnings;

  private MetricsHistory(Map<String, List<MetricPoint>> series, List<TrainingWarning> warnings) {
    this.series = series;
    this.warnings = warnings;
  }

  /**
   * Reads {@code metrics.jsonl}; a file that does not exist yet is an empty history. A last line
   * without its line break is torn (the writer was killed, or the disk was full) and left out.
   */
  public static MetricsHistory read(Path file) {
    requireNonNull(file, "file is null");
    List<String> lines;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      lines = new ArrayList<>(text.lines().toList());
      if (!text.isEmpty() && !text.endsWith("\n")) {
        lines.remove(lines.size() - 1);
      }
    } catch (NoSuchFileException e) {
      lines = List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, file.toString());
  }

  /**
   * Parses metrics lines.
   *
   * @param source names the lines in error messages, with the line number
   */
  public static MetricsHistory parse(List<String> lines, String source) {
    List<Map.Entry<Long, JsonNode>> kept = new ArrayList<>();
    List<Map.Entry<Long, JsonNode>> evaluations = new ArrayList<>();
    List<TrainingWarning> warnings = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = parseLine(line, source, index + 1);
      long step = node.get("step").asLong();
      if (node.has(WARNING_KEY)) {
        warnings.add(warning(node, step, source, index + 1));
        continue;
      }
      evaluations.removeIf(earlier -> earlier.getKey() >= step);
      if (node.has(EVALUATION_KEY)) {
        evaluations.add(Map.entry(step, node));
        continue;
      }
      kept.removeIf(earlier -> earlier.getKey() >= step);
      kept.add(Map.entry(step, node));
    }
    Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
    for (Map.Entry<Long, JsonNode> line : kept) {
      for (Map.Entry<String, JsonNode> field : line.getValue().properties()) {
        if (!POSITION_KEYS.contains(field.getKey()) && field.getValue().isNumber()) {
          series.computeIfAbsent(field.getKey(), name -> new ArrayList<>())
              .add(new MetricPoint(line.getKey(), field.getValue().asDouble()));
        }
      }
    }
    for (Map.Entry<Long, JsonNode> line : evaluations) {
      String dataset = line.getValue().get(EVALUATION_KEY).asText();
      for (Map.Entry<String, JsonNode> field : line.getValue().properties()) {
        if (!EVALUATION_POSITION_KEYS.contains(field.getKey()) && field.getValue().isNumber()) {
          series.computeIfAbsent(dataset + " " + field.getKey(), name -> new ArrayList<>())
              .add(new MetricPoint(line.getKey(), field.getValue().asDouble()));
        }
      }
    }
    series.replaceAll((name, points) -> List.copyOf(points));
    return new MetricsHistory(Collections.unmodifiableMap(series), List.copyOf(warnings));
  }

  /** Whether no metrics line has been logged (warnings aside). */
  public boolean isEmpty() {
    return series.isEmpty();
  }

  /** Each series by name, in the order the names first appear, points in step order. */
  public Map<String, List<MetricPoint>> series() {
    return series;
  }

  /** The last point of each series: the latest figures, evaluation values included. */
  public Map<String, MetricPoint> latest() {
    Map<String, MetricPoint> latest = new LinkedHashMap<>();
    series.forEach((name, points) -> latest.put(name, points.get(points.size() - 1)));
    return latest;
  }

  /** Every warning line, in the order they were logged; a resume keeps those of the earlier part. */
  public List<TrainingWarning> warnings() {
    return warnings;
  }

  private static TrainingWarning warning(JsonNode node, long step, String source, int number) {
    JsonNode kind = node.get(WARNING_KEY);
    JsonNode message = node.path("message");
    if (!kind.isTextual() || !message.isTextual()) {
      throw new IllegalArgumentException(source + ":" + number
          + ": a warning line needs a text \"warning\" and a text \"message\", got " + abbreviate(node.toString()));
    }
    return new TrainingWarning(step, kind.asText(), message.asText());
  }

  private static JsonNode parseLine(String line, String source, int number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + ":" + number + ": not a JSON object: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject() || !node.path("step").isIntegralNumber()) {
      throw new IllegalArgumentException(
          source + ":" + number + ": expected a JSON object with an integer \"step\", got " + abbreviate(line));
    }
    return node;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
