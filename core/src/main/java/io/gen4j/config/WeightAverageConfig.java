package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An exponential moving average of a generator's weights ({@code model.ema}), used for sampling,
 * evaluation and export while the raw weights keep training. Before {@code startStep} the average
 * copies the weights; from then on it averages with decay {@code min(decay, n / (n + 10))}, n being the
 * updates since the start, so early averages are not dominated by old weights.
 *
 * @param decay weight of the old average per update, in (0, 1), e.g. 0.999; required
 * @param startStep the step from which to average; 0 (the default when left out) from the start
 */
@JsonClassDescription("An exponential moving average of the generator's weights, used for sampling, evaluation and"
    + " export; null (default) for none.")
public record WeightAverageConfig(
    @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("Weight of the old average per update, e.g. 0.999.")
    float decay,
    @Min(0) @JsonPropertyDescription("The step from which to average; before it the average copies the weights.")
    Long startStep) {

  /** Default of {@code startStep}. */
  public static final long DEFAULT_START_STEP = 0;


  public WeightAverageConfig {
    startStep = startStep == null ? DEFAULT_START_STEP : startStep;
    if (!(decay > 0 && decay < 1)) {
      throw new InvalidConfigException("decay", "must be in (0, 1), e.g. 0.999, got " + decay);
    }
    if (startStep < 0) {
      throw new InvalidConfigException("startStep", "must be 0 or more, got " + startStep);
    }
  }
}
