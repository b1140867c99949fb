package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;

/**
 * One experiment, as one JSON file describes it. Every field but {@code model.type} has a default.
 *
 * @param name names the run directory; default {@code "experiment"}; letters, digits, '.', '_' and '-',
 *     at most {@value #MAX_NAME_LENGTH} characters
 * @param seed seeds initial weights, data order and noise; default 42
 * @param modelType the {@code model.type}: which model provider builds the model
 * @param model the model's own fields, with the provider's defaults filled in
 * @param data the {@code data} section
 * @param training the {@code training} section, with every network's optimizer resolved
 * @param output the {@code output} section
 */
public record ExperimentConfig(
    String name,
    long seed,
    String modelType,
    ModelConfig model,
    DataConfig data,
    TrainingConfig training,
    OutputConfig output) {

  /** Default of {@code name}. */
  public static final String DEFAULT_NAME = "experiment";

  /** Default of {@code seed}. */
  public static final long DEFAULT_SEED = 42;

  /** The longest {@code name}: with the timestamp it names a directory, which most file systems cap at 255 bytes. */
  public static final int MAX_NAME_LENGTH = 200;

  public ExperimentConfig {
    requireNonNull(name, "name is null");
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidConfigException(
          "name", "must be at most " + MAX_NAME_LENGTH + " characters (it names a directory), got " + name.length());
    }
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidConfigException(
          "name", "must be letters, digits, '.', '_' or '-' (it names a directory), got '" + name + "'");
    }
    requireNonNull(modelType, "modelType is null");
    requireNonNull(model, "model is null");
    requireNonNull(data, "data is null");
    requireNonNull(training, "training is null");
    requireNonNull(output, "output is null");
  }

  /** This experiment with other training settings. */
  public ExperimentConfig withTraining(TrainingConfig other) {
    return new ExperimentConfig(name, seed, modelType, model, data, other, output);
  }

  /** This experiment with other data settings. */
  public ExperimentConfig withData(DataConfig other) {
    return new ExperimentConfig(name, seed, modelType, model, other, training, output);
  }

  /** This experiment with other output settings. */
  public ExperimentConfig withOutput(OutputConfig other) {
    return new ExperimentConfig(name, seed, modelType, model, data, training, other);
  }
}
