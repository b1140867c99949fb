package io.gen4j.testing;

/** Small reductions over float arrays for assertions. */
public final class FloatArrays {

  private FloatArrays() {}

  /** The smallest value; NaN if any value is NaN. */
  public static float min(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    for (float value : values) {
      if (Float.isNaN(value)) {
        return Float.NaN;
      }
      min = Math.min(min, value);
    }
    return min;
  }

  /** The largest value; NaN if any value is NaN. */
  public static float max(float[] values) {
    float max = Float.NEGATIVE_INFINITY;
    for (float value : values) {
      if (Float.isNaN(value)) {
        return Float.NaN;
      }
      max = Math.max(max, value);
    }
    return max;
  }
}
