package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the data pipeline costs a model per iteration: the median iteration time with real data minus
 * the median with synthetic images drawn in the graph.
 *
 * @param modelType the model type
 * @param batchSize images per batch
 * @param realMillis median milliseconds per iteration with real data
 * @param syntheticMillis median milliseconds per iteration with synthetic images
 */
public record PipelineCost(String modelType, int batchSize, double realMillis, double syntheticMillis) {

  public PipelineCost {
    requireNonNull(modelType, "modelType is null");
  }

  /** {@code realMillis - syntheticMillis}; negative when noise on a busy machine outweighs the cost. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public double differenceMillis() {
    return realMillis - syntheticMillis;
  }
}
