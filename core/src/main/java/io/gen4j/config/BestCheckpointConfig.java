package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotNull;

/**
 * Keeps the checkpoint with the best value of a metric ({@code training.bestCheckpoint}) in {@code
 * checkpoints/best/}, beside the latest ones; off when left out.
 *
 * @param metric the series to watch, named as for {@link EarlyStoppingConfig#metric()}; required
 * @param mode {@code min} (default) when lower is better, {@code max} when higher is
 */
@JsonClassDescription("Keep the checkpoint with the best value of a metric in checkpoints/best/; off when left out.")
public record BestCheckpointConfig(
    @NotNull
    @JsonPropertyDescription("The series to watch, named as in metrics.jsonl and the report: a logged metric such as"
        + " g_loss, or '<split> <score>' for a held-out evaluation such as 'mnist-test negative_elbo'.")
    String metric,
    @JsonPropertyDescription("min when lower is better, max when higher is.")
    MetricMode mode) {

  /** Default of {@code mode}. */
  public static final MetricMode DEFAULT_MODE = MetricMode.MIN;

  public BestCheckpointConfig {
    metric = MetricWatch.requireMetric(metric);
    requireNonNull(mode, "mode is null");
  }

  /** The best checkpoint by {@code metric}, lower being better. */
  public static BestCheckpointConfig on(String metric) {
    return new BestCheckpointConfig(metric, DEFAULT_MODE);
  }
}
