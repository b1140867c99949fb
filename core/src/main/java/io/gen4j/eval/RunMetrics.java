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
import java.util.Set;
import java.util.TreeMap;

/**
 * Held-out scores a model's trainer logged during its run, which {@code gen4j eval} shows beside its
 * own metrics. A trainer that scores a held-out split writes lines with an {@value #EVALUATION} key
 * naming the split to {@code metrics.jsonl}, such as a VAE's {@code {"step": 5000, "evaluation":
 * "mnist-test", "images": 10000, "protocol": "dynamic binarization", "negative_elbo": 96.1}}; every
 * numeric score of the latest such line of each split is reported, whatever the model. Runs whose
 * model logs none (every GAN) have none.
 */
public final class RunMetrics {

  /** The key that marks a held-out evaluation line and names the split it scored. */
  public static final String EVALUATION = "evaluation";

  private static final Set<String> NOT_SCORES = Set.of("step", "epoch", "images", "protocol", EVALUATION);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RunMetrics() {}

  /**
   * The latest value of each score of each evaluated split, keyed {@code <split> <score>} (such as
   * {@code mnist-test negative_elbo}), in key order; empty if the file does not exist or has no
   * evaluation line.
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
        JsonNode node = parse(metricsFile, lineNumber, line);
        if (!node.path(EVALUATION).isTextual()) {
          continue;
        }
        String split = node.get(EVALUATION).asText();
        long step = node.path("step").asLong(-1);
        int images = node.path("images").asInt(0);
        String protocol = node.path("protocol").asText("");
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (!NOT_SCORES.contains(field.getKey()) && field.getValue().isNumber()) {
            latest.put(split + " " + field.getKey(),
                new LoggedValue(step, field.getValue().asDouble(), images, protocol));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metricsFile + ": " + e.getMessage(), e);
    }
    return latest;
  }

  private static JsonNode parse(Path metricsFile, int lineNumber, String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // reported below, with the line number
    }
    throw new IllegalArgumentException(metricsFile + ":" + lineNumber + ": not a JSON object");
  }

  /**
   * A held-out score as logged.
   *
   * @param step the training step of the scored weights (-1 if the line had none)
   * @param value the score, such as the mean negative ELBO in nats
   * @param images how many images were scored (0 if the line did not say)
   * @param protocol how images became observations, such as {@code dynamic binarization} (empty if
   *     the line did not say)
   */
  public record LoggedValue(long step, double value, int images, String protocol) {

    public LoggedValue {
      requireNonNull(protocol, "protocol is null");
    }
  }
}
