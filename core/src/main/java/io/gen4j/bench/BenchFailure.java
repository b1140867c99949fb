package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

/**
 * A model type that could not be built or trained at one batch size in one mode.
 *
 * @param modelType the model type
 * @param mode where the real images were to come from
 * @param batchSize images per batch
 * @param error what went wrong, in one line
 */
public record BenchFailure(String modelType, BenchMode mode, int batchSize, String error) implements BenchResult {

  public BenchFailure {
    requireNonNull(modelType, "modelType is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(error, "error is null");
  }
}
