package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.InvalidConfigException;

/**
 * The {@code data} section: which images to train on and in what batches.
 *
 * @param dataset the dataset's name; {@code "mnist"} (bundled) by default
 * @param batchSize images per batch, in [1, {@value #MAX_BATCH_SIZE}]; default 64 (and at most the images
 *     trained on, which training checks once the dataset is known)
 * @param limit train on the first {@code limit} images only, for quick trials; 0 (default) uses all
 */
public record DataConfig(String dataset, int batchSize, int limit) {

  /** The defaults: bundled MNIST in batches of 64. */
  public static final DataConfig DEFAULT = new DataConfig("mnist", 64, 0);

  /** The largest {@code batchSize}. */
  public static final int MAX_BATCH_SIZE = 1 << 16;

  public DataConfig {
    requireNonNull(dataset, "dataset is null");
    if (batchSize < 1) {
      throw new InvalidConfigException("batchSize", "must be at least 1, got " + batchSize);
    }
    if (batchSize > MAX_BATCH_SIZE) {
      throw new InvalidConfigException("batchSize", "must be at most " + MAX_BATCH_SIZE + ", got " + batchSize);
    }
    if (limit < 0) {
      throw new InvalidConfigException("limit", "must be 0 (all images) or more, got " + limit);
    }
  }
}
