package io.gen4j.config;

import io.gen4j.spi.InvalidConfigException;

/**
 * An exponential moving average of a generator's weights ({@code model.ema}), used for sampling,
 * evaluation and export while the raw weights keep training. Before {@code startStep} the average
 * copies the weights; from then on it averages with decay {@code min(decay, n / (n + 10))}, n being the
 * updates since the start, so early averages are not dominated by old weights.
 *
 * @param decay weight of the old average per update, in (0, 1), e.g. 0.999; required
 * @param startStep the step from which to average; 0 (the default when left out) from the start
 */
public record WeightAverageConfig(float decay, Long startStep) {

  public WeightAverageConfig {
    startStep = startStep == null ? 0L : startStep;
    if (!(decay > 0 && decay < 1)) {
      throw new InvalidConfigException("decay", "must be in (0, 1), e.g. 0.999, got " + decay);
    }
    if (startStep < 0) {
      throw new InvalidConfigException("startStep", "must be 0 or more, got " + startStep);
    }
  }
}
