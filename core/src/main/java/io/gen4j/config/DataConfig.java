package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.data.MnistProvider;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code data} section: which images to train on and in what batches.
 *
 * @param type the dataset type, {@code data.type} (the older form {@code "dataset": "mnist"} is read
 *     as the type too); {@code mnist} (bundled) by default
 * @param dataset the fields of that type, with the provider's defaults filled in
 * @param batchSize images per batch, in [1, {@value #MAX_BATCH_SIZE}]; default 64 (and at most the images
 *     trained on, which training checks once the dataset is known)
 * @param limit train on the first {@code limit} images only, for quick trials; 0 (default) uses all
 * @param testFraction the share of the images held out as the test split of a dataset that has none of
 *     its own, in (0, 1); default 0.1
 * @param splitSeed decides which images are held out; default 0, independent of the run's seed, so
 *     runs with different seeds are scored on the same held-out images
 */
@JsonClassDescription("Which images to train on and in what batches.")
public record DataConfig(
    @JsonPropertyDescription("The dataset type (gen4j datasets lists them); its fields sit beside this one.")
    String type,
    @JsonIgnore DatasetConfig dataset,
    @Min(1) @Max(DataConfig.MAX_BATCH_SIZE) @JsonPropertyDescription("Images per batch.")
    int batchSize,
    @Min(0) @JsonPropertyDescription("Train on the first N images only, for quick trials; 0 for all.")
    int limit,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("The share of the images held out as the test split of a dataset that has none of its own.")
    double testFraction,
    @JsonPropertyDescription("Decides which images are held out; independent of the run's seed, so runs with"
        + " different seeds are scored on the same held-out images.")
    long splitSeed) {

  /** Default of {@code data.type}. */
  public static final String DEFAULT_TYPE = MnistProvider.NAME;

  /** Default of {@code data.batchSize}. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  /** Default of {@code data.testFraction}. */
  public static final double DEFAULT_TEST_FRACTION = 0.1;

  /** Default of {@code data.splitSeed}. */
  public static final long DEFAULT_SPLIT_SEED = 0;

  /** The defaults: bundled MNIST in batches of 64. */
  public static final DataConfig DEFAULT = of(DEFAULT_TYPE, MnistProvider.DEFAULT_CONFIG);

  /** The largest {@code batchSize}. */
  public static final int MAX_BATCH_SIZE = 1 << 16;

  public DataConfig {
    requireNonNull(type, "type is null");
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
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new InvalidConfigException("testFraction", "must be above 0 and below 1, got " + testFraction);
    }
  }

  /** A dataset type with its fields and the default common settings. */
  public static DataConfig of(String type, DatasetConfig dataset) {
    return new DataConfig(type, dataset, DEFAULT_BATCH_SIZE, 0, DEFAULT_TEST_FRACTION, DEFAULT_SPLIT_SEED);
  }

  /** These settings with another batch size. */
  public DataConfig withBatchSize(int other) {
    return new DataConfig(type, dataset, other, limit, testFraction, splitSeed);
  }

  /** These settings with another limit. */
  public DataConfig withLimit(int other) {
    return new DataConfig(type, dataset, batchSize, other, testFraction, splitSeed);
  }
}
