package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/**
 * One change to an experiment config at a dotted path, such as {@code training.steps=2000}. It is
 * applied to the config's JSON before the JSON is read, so an overridden value goes through exactly
 * the validation (and the one-line errors) of a value written in the file. This is what {@code gen4j
 * train --set} and the axes of a sweep apply.
 *
 * @param path field names from the root joined by '.', e.g. {@code model.loss} or {@code
 *     training.optimizers.generator.learningRate}
 * @param value the JSON value put at the path
 */
public record ConfigOverride(String path, JsonNode value) {

  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ConfigOverride {
    requireNonNull(path, "path is null");
    requireNonNull(value, "value is null");
    if (!PATH.matcher(path).matches()) {
      throw new ConfigException(
          "override '" + path + "': expected a config path of field names joined by '.', e.g. training.steps");
    }
  }

  /**
   * Reads {@code PATH=VALUE}. The value is taken as JSON when it is JSON ({@code 2000}, {@code 0.5},
   * {@code true}, {@code [64, 32]}, {@code {"decay": 0.999}}, {@code "text"}), and as a string
   * otherwise, so {@code model.loss=hinge} needs no quotes.
   *
   * @throws ConfigException if there is no '=' or the path is malformed
   */
  public static ConfigOverride parse(String assignment) {
    requireNonNull(assignment, "assignment is null");
    int equals = assignment.indexOf('=');
    if (equals < 0) {
      throw new ConfigException(
          "override '" + assignment + "': expected PATH=VALUE, e.g. training.steps=2000");
    }
    String text = assignment.substring(equals + 1);
    return new ConfigOverride(assignment.substring(0, equals).strip(), valueOf(text));
  }

  /** An override with a Java value (a number, string, boolean, list or map), converted to JSON. */
  public static ConfigOverride of(String path, Object value) {
    return new ConfigOverride(path, MAPPER.valueToTree(value));
  }

  private static JsonNode valueOf(String text) {
    try {
      JsonNode parsed = MAPPER.readTree(text);
      if (parsed != null && !parsed.isMissingNode()) {
        return parsed;
      }
    } catch (JsonProcessingException e) {
      // not JSON: the text itself is the value
    }
    return TextNode.valueOf(text);
  }

  /**
   * Puts the value into a config's JSON, creating the objects along the path that are missing.
   *
   * @param source names the config in error messages
   * @throws ConfigException if a field along the path holds something other than an object
   */
  void applyTo(ObjectNode root, String source) {
    String[] names = path.split("\\.");
    ObjectNode node = root;
    StringBuilder at = new StringBuilder("$");
    for (int i = 0; i < names.length - 1; i++) {
      at.append('.').append(names[i]);
      JsonNode child = node.get(names[i]);
      if (child == null || child.isNull()) {
        node = node.putObject(names[i]);
      } else if (child instanceof ObjectNode object) {
        node = object;
      } else {
        throw new ConfigException(
            source + ": cannot set " + this + ": " + at + " is not an object");
      }
    }
    node.set(names[names.length - 1], value.deepCopy());
  }

  /** Whether an error at this JSON path (such as {@code $.training.steps}) concerns this override. */
  boolean covers(String jsonPath) {
    String own = "$." + path;
    return jsonPath.equals(own) || jsonPath.startsWith(own + ".") || jsonPath.startsWith(own + "[");
  }

  /** {@code PATH=VALUE}, with the value as compact JSON (strings unquoted). */
  @Override
  public String toString() {
    return path + "=" + (value.isTextual() ? value.asText() : value.toString());
  }
}
