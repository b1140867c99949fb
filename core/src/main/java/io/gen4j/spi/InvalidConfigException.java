package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import io.gen4j.UserFacing;

/**
 * A config value that is out of range or inconsistent, thrown from config records' constructors. The
 * config loader prefixes the file and the JSON path of the object, so the message only needs the field
 * and what was expected, for example {@code new InvalidConfigException("batchSize", "must be at least
 * 1, got 0")}.
 */
public final class InvalidConfigException extends IllegalArgumentException implements UserFacing {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidConfigException(String field, String problem) {
    super(requireNonNull(field, "field is null") + ": " + requireNonNull(problem, "problem is null"));
    this.field = field;
    this.problem = problem;
  }

  /** The field of the config object that is wrong; may be a dotted path below it. */
  public String field() {
    return field;
  }

  /** What is wrong with it, as a phrase: "must be at least 1, got 0". */
  public String problem() {
    return problem;
  }
}
