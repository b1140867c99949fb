package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One dimension of a sweep: the config path it sets and what it takes.
 */
public sealed interface Axis {

  /** The config path, such as {@code model.loss}. */
  String path();

  /**
   * A list of values: every one in a grid, one chosen uniformly per random draw.
   *
   * @param path the config path
   * @param values the JSON values, at least one
   */
  record Values(String path, List<JsonNode> values) implements Axis {
    public Values {
      requireNonNull(path, "path is null");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("axis " + path + " has no values");
      }
    }
  }

  /**
   * A range drawn from in a random search.
   *
   * @param path the config path
   * @param distribution how values are drawn
   * @param low the lower end (included)
   * @param high the upper end (excluded for real values, included for integers)
   */
  record Range(String path, Distribution distribution, double low, double high) implements Axis {
    public Range {
      requireNonNull(path, "path is null");
      requireNonNull(distribution, "distribution is null");
    }
  }

  /** How a {@link Range} is drawn from. */
  enum Distribution {
    /** Uniform in [low, high), rounded to 3 significant digits. */
    UNIFORM("uniform"),
    /** Uniform in log space: exp(uniform(ln low, ln high)), rounded to 3 significant digits; for learning rates. */
    LOG_UNIFORM("logUniform"),
    /** A whole number uniform in [low, high], both included. */
    INTEGER("integer");

    private final String jsonName;

    Distribution(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The key that names it in a sweep file. */
    public String jsonName() {
      return jsonName;
    }
  }
}
