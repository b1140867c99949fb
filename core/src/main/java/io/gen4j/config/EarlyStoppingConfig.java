package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Stops training when a metric has not improved for a while ({@code training.earlyStopping}); off when
 * left out. The run ends as if it had reached its last step: final checkpoint, samples and report.
 *
 * @param metric the series to watch, as {@code metrics.jsonl} and the report name it: a logged metric
 *     such as {@code g_loss}, or {@code <split> <score>} for a held-out evaluation such as {@code
 *     mnist-test negative_elbo}; required
 * @param mode {@code min} (default) when lower is better, {@code max} when higher is
 * @param patience observations of the metric without improvement before training stops (logged
 *     intervals for a logged metric, evaluations for an evaluation score); at least 1, default {@value
 *     #DEFAULT_PATIENCE}
 * @param minDelta how much a value must beat the best so far to count as an improvement; 0 or more,
 *     default 0
 */
@JsonClassDescription("Stop training when a metric has not improved for a while; off when left out.")
public record EarlyStoppingConfig(
    @NotNull
    @JsonPropertyDescription("The series to watch, named as in metrics.jsonl and the report: a logged metric such as"
        + " g_loss, or '<split> <score>' for a held-out evaluation such as 'mnist-test negative_elbo'.")
    String metric,
    @JsonPropertyDescription("min when lower is better, max when higher is.")
    MetricMode mode,
    @Min(1)
    @JsonPropertyDescription("Observations of the metric without improvement before training stops: logged"
        + " intervals for a logged metric, evaluations for an evaluation score.")
    int patience,
    @DecimalMin("0")
    @JsonPropertyDescription("How much a value must beat the best so far to count as an improvement.")
    double minDelta) {

  /** Default of {@code mode}. */
  public static final MetricMode DEFAULT_MODE = MetricMode.MIN;

  /** Default of {@code patience}. */
  public static final int DEFAULT_PATIENCE = 5;

  /** Default of {@code minDelta}. */
  public static final double DEFAULT_MIN_DELTA = 0;

  public EarlyStoppingConfig {
    metric = MetricWatch.requireMetric(metric);
    requireNonNull(mode, "mode is null");
    if (patience < 1) {
      throw new InvalidConfigException("patience", "must be at least 1, got " + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new InvalidConfigException("minDelta", "must be 0 or more, got " + minDelta);
    }
  }

  /** Early stopping on {@code metric} with the defaults: lower is better, patience {@value #DEFAULT_PATIENCE}. */
  public static EarlyStoppingConfig on(String metric) {
    return new EarlyStoppingConfig(metric, DEFAULT_MODE, DEFAULT_PATIENCE, DEFAULT_MIN_DELTA);
  }
}
