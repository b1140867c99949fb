package io.gen4j.config;

import io.gen4j.spi.InvalidConfigException;
import java.util.Map;

/**
 * The {@code training} section: how long to train, and how often to log, sample and checkpoint. A
 * step is one training iteration: for GANs all discriminator updates plus one generator update.
 *
 * @param steps iterations to train; default 5000. Ignored when {@code epochs} is set.
 * @param epochs if greater than 0, train for this many passes over the data instead of {@code steps};
 *     default 0
 * @param logInterval steps between lines of {@code metrics.jsonl}, at least 1; default 50
 * @param sampleInterval steps between sample grids, at least 1; default 500
 * @param checkpointInterval steps between checkpoints, at least 1; default 1000
 * @param keepCheckpoints how many recent checkpoints to keep, at least 1; default 3
 * @param optimizers optimizer per network name, over the model's defaults; default none (model
 *     defaults)
 * @param onNonFiniteLoss what to do when a loss becomes NaN or infinite: {@code stop} (default) or
 *     {@code rollback} to the last checkpoint with halved learning rates
 * @param evaluationInterval steps between scorings of the held-out split, for models that have an
 *     {@link io.gen4j.spi.Evaluation}; they are also scored at the end; at least 1, default 1000
 * @param threads TensorFlow's CPU thread pools for the run; default {@link ThreadsConfig#DEFAULT}
 *     (TensorFlow's choice)
 */
public record TrainingConfig(
    long steps,
    int epochs,
    int logInterval,
    int sampleInterval,
    int checkpointInterval,
    int keepCheckpoints,
    Map<String, OptimizerConfig> optimizers,
    NonFiniteLossPolicy onNonFiniteLoss,
    int evaluationInterval,
    ThreadsConfig threads) {

  /** The defaults listed above. */
  public static final TrainingConfig DEFAULT =
      new TrainingConfig(5000, 0, 50, 500, 1000, 3, Map.of(), NonFiniteLossPolicy.STOP, 1000, ThreadsConfig.DEFAULT);

  public TrainingConfig {
    if (steps < 1) {
      throw new InvalidConfigException("steps", "must be at least 1, got " + steps);
    }
    if (epochs < 0) {
      throw new InvalidConfigException("epochs", "must be 0 (use steps) or more, got " + epochs);
    }
    requireAtLeastOne("logInterval", logInterval);
    requireAtLeastOne("sampleInterval", sampleInterval);
    requireAtLeastOne("checkpointInterval", checkpointInterval);
    requireAtLeastOne("evaluationInterval", evaluationInterval);
    requireAtLeastOne("keepCheckpoints", keepCheckpoints);
    optimizers = optimizers == null ? Map.of() : Map.copyOf(optimizers);
    if (onNonFiniteLoss == null) {
      throw new InvalidConfigException("onNonFiniteLoss", "must be stop or rollback");
    }
    threads = threads == null ? ThreadsConfig.DEFAULT : threads;
  }

  /** This config with the given optimizers. */
  public TrainingConfig withOptimizers(Map<String, OptimizerConfig> resolved) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, resolved, onNonFiniteLoss,
        evaluationInterval, threads);
  }

  /** This config with other thread pool sizes. */
  public TrainingConfig withThreads(ThreadsConfig other) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, optimizers, onNonFiniteLoss,
        evaluationInterval, other);
  }

  private static void requireAtLeastOne(String field, int value) {
    if (value < 1) {
      throw new InvalidConfigException(field, "must be at least 1, got " + value);
    }
  }
}
