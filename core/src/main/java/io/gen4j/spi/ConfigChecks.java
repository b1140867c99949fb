package io.gen4j.spi;

import java.util.List;

/**
 * The range checks model configs share, for their compact constructors. Each throws an {@link
 * InvalidConfigException} naming the field (relative to {@code model}) and returns the checked value.
 */
public final class ConfigChecks {

  /**
   * The largest size (a latent size, a layer width, a filter count) a model config accepts: far above
   * any image model that fits in memory, low enough that products of two sizes cannot overflow.
   */
  public static final int MAX_SIZE = 1 << 16;

  private ConfigChecks() {}

  /** A size in [1, {@value #MAX_SIZE}]: "must be at least 1, got 0", "must be at most 65536, got 100000000". */
  public static int size(String field, int value) {
    atLeastOne(field, value);
    if (value > MAX_SIZE) {
      throw new InvalidConfigException(field, "must be at most " + MAX_SIZE + ", got " + value);
    }
    return value;
  }

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
   * A non-empty list of sizes, each in [1, {@value #MAX_SIZE}] (an element's error names {@code field[i]}).
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
      size(field + "[" + i + "]", value);
    }
    return List.copyOf(values);
  }
}
