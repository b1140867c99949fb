package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a watched metric is better when lower ({@code min}, a loss) or higher ({@code max}, a score). */
public enum MetricMode {

  /** Lower is better: losses, negative ELBO, FID. */
  @JsonProperty("min")
  MIN,

  /** Higher is better: scores such as an accuracy. */
  @JsonProperty("max")
  MAX;

  /** Whether {@code candidate} beats {@code best} by more than {@code minDelta}. */
  public boolean improves(double candidate, double best, double minDelta) {
    return this == MIN ? candidate < best - minDelta : candidate > best + minDelta;
  }
}
