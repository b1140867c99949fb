package io.gen4j.spi;

import java.util.List;

/**
 * The range checks model configs share, for their compact constructors. Each throws an {@link
 * InvalidConfigException} naming the field (relative to {@code model}) and returns the checked value.
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** {@code value} must be at least 1: "must be at least 1, got 0". */
  public static int atLeastOne(String field, int value) {
    if (value < 1) {
      throw new InvalidConfigException(field, "must be at least 1, got " + value);
    }
    return value;
  }

  /** {@code value} must be in [0, 1), as a rate, slope or momentum: "must be in [0, 1), got 1.5". */
  public static float inUnitInterval(String field, float value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException(field, "must be in [0, 1), got " + value);
    }
    return value;
  }

  /**
   * A non-empty list of sizes, each at least 1 (an element's error names {@code field[i]}).
   *
   * @param what what one element is, for the empty-list message: "must list at least one layer width"
   * @return an immutable copy
   */
  public static List<Integer> sizes(String field, List<Integer> values, String what) {
    if (values == null || values.isEmpty()) {
      throw new InvalidConfigException(field, "must list at least one " + what);
    }
    for (int i = 0; i < values.size(); i++) {
      Integer value = values.get(i);
      if (value == null || value < 1) {
        throw new InvalidConfigException(field + "[" + i + "]", "must be at least 1, got " + value);
      }
    }
    return List.copyOf(values);
  }
}
