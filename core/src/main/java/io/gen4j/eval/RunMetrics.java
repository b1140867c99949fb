package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Held-out metrics a model's trainer logged during its run, which {@code gen4j eval} shows beside its
 * own: the latest value of every key of {@code metrics.jsonl} that starts with {@value #PREFIX}. This is
 * how a model adds a metric only it can compute: a VAE logs {@code test_negative_elbo}, the negative
 * ELBO of the test split, and the evaluation reports its latest value.
 */
public final class RunMetrics {

  /** Keys of {@code metrics.jsonl} with this prefix are reported. */
  public static final String PREFIX = "test_";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RunMetrics() {}

  /**
   * The latest value of each {@value #PREFIX} key, with the step it was logged at, by key; empty if
   * the file does not exist or has no such key.
   *
   * @throws IllegalArgumentException naming the file and line if a line is not a JSON object
   */
  public static Map<String, LoggedValue> latest(Path metricsFile) {
    requireNonNull(metricsFile, "metricsFile is null");
    Map<String, LoggedValue> latest = new TreeMap<>();
    if (!Files.exists(metricsFile)) {
      return latest;
    }
    try (BufferedReader reader = Files.newBufferedReader(metricsFile, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(metricsFile + ":" + lineNumber + ": not a JSON object");
        }
        if (!node.isObject()) {
          throw new IllegalArgumentException(metricsFile + ":" + lineNumber + ": not a JSON object");
        }
        long step = node.path("step").asLong(-1);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (field.getKey().startsWith(PREFIX) && field.getValue().isNumber()) {
            latest.put(field.getKey(), new LoggedValue(step, field.getValue().asDouble()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metricsFile + ": " + e.getMessage(), e);
    }
    return latest;
  }

  /**
   * A metric's value as logged.
   *
   * @param step the training step of the line it was on (-1 if the line had none)
   * @param value the value
   */
  public record LoggedValue(long step, double value) {}
}
