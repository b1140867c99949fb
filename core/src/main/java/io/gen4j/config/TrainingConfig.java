package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
 * @param schedules learning-rate schedule per network name; a network not listed keeps its optimizer's
 *     rate throughout; default none
 * @param earlyStopping stops training when a metric stops improving; default null (off)
 * @param bestCheckpoint keeps the checkpoint with the best value of a metric; default null (off)
 * @param visibleDevices the GPUs TensorFlow may use, as CUDA device indices joined by commas ({@code
 *     "0"}, {@code "1,2"}), counted within those {@code CUDA_VISIBLE_DEVICES} shows; default {@code ""}
 *     (all of them). The CPU build of TensorFlow ignores it.
 * @param threads TensorFlow's CPU thread pools for the run; default {@link ThreadsConfig#DEFAULT}
 *     (TensorFlow's choice)
 */
@JsonClassDescription("How long to train, and how often to log, sample, evaluate and checkpoint.")
public record TrainingConfig(
    @Min(1)
    @JsonPropertyDescription("Iterations to train (for GANs: all discriminator updates plus one generator update)."
        + " Ignored when epochs is set.")
    long steps,
    @Min(0) @JsonPropertyDescription("If greater than 0, train this many passes over the data instead of steps.")
    int epochs,
    @Min(1) @JsonPropertyDescription("Steps between lines of metrics.jsonl and of the log or progress display.")
    int logInterval,
    @Min(1) @JsonPropertyDescription("Steps between sample grids (and redraws of the report).")
    int sampleInterval,
    @Min(1) @JsonPropertyDescription("Steps between checkpoints; one is also written at the end.")
    int checkpointInterval,
    @Min(1) @JsonPropertyDescription("How many of the most recent checkpoints to keep.")
    int keepCheckpoints,
    @JsonPropertyDescription("Optimizer per network (generator, discriminator, vae, ...); fields left out keep the"
        + " model's default for that network.")
    Map<String, OptimizerConfig> optimizers,
    @JsonPropertyDescription("A NaN or infinite loss: stop (exit 1, keeping the last good checkpoint) or rollback (to"
        + " the last checkpoint with every learning rate halved, at most 3 times).")
    NonFiniteLossPolicy onNonFiniteLoss,
    @Min(1) @JsonPropertyDescription("Steps between scorings of the held-out split, for models that have one (vae);"
        + " also scored at the end.")
    int evaluationInterval,
    @JsonPropertyDescription("Learning-rate schedule per network; a network not listed keeps its optimizer's rate.")
    Map<String, LearningRateSchedule> schedules,
    @JsonPropertyDescription("Stop when a metric stops improving; null (default) for off.")
    EarlyStoppingConfig earlyStopping,
    @JsonPropertyDescription("Keep the checkpoint with the best value of a metric in checkpoints/best/; null (default)"
        + " for off.")
    BestCheckpointConfig bestCheckpoint,
    @Pattern(regexp = VISIBLE_DEVICES)
    @JsonPropertyDescription("GPUs TensorFlow may use, as CUDA device indices joined by commas ('0', '1,2'), within"
        + " those CUDA_VISIBLE_DEVICES shows; '' for all. The CPU build ignores it.")
    String visibleDevices,
    @JsonPropertyDescription("TensorFlow's CPU thread pools for the run; 0 leaves a pool's size to TensorFlow (one"
        + " thread per core).")
    ThreadsConfig threads) {

  /** What {@code visibleDevices} may be: empty, or device indices joined by commas. */
  public static final String VISIBLE_DEVICES = "^$|^[0-9]+(,[0-9]+)*$";

  /** The defaults listed above. */
  public static final TrainingConfig DEFAULT = new TrainingConfig(
      5000, 0, 50, 500, 1000, 3, Map.of(), NonFiniteLossPolicy.STOP, 1000, Map.of(), null, null, "",
      ThreadsConfig.DEFAULT);

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
    schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    visibleDevices = visibleDevices == null ? "" : visibleDevices.strip();
    if (!visibleDevices.matches(VISIBLE_DEVICES)) {
      throw new InvalidConfigException(
          "visibleDevices", "must be CUDA device indices joined by commas, such as \"0\" or \"1,2\", or \"\" for all,"
              + " got \"" + visibleDevices + "\"");
    }
    threads = threads == null ? ThreadsConfig.DEFAULT : threads;
  }

  /** This config with the given optimizers. */
  public TrainingConfig withOptimizers(Map<String, OptimizerConfig> resolved) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, resolved, onNonFiniteLoss,
        evaluationInterval, schedules, earlyStopping, bestCheckpoint, visibleDevices, threads);
  }

  /** This config with the given learning-rate schedules, by network name. */
  public TrainingConfig withSchedules(Map<String, LearningRateSchedule> resolved) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, optimizers, onNonFiniteLoss,
        evaluationInterval, resolved, earlyStopping, bestCheckpoint, visibleDevices, threads);
  }

  /** This config training exactly {@code count} steps ({@code epochs} set to 0). */
  public TrainingConfig withSteps(long count) {
    return new TrainingConfig(
        count, 0, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, optimizers, onNonFiniteLoss,
        evaluationInterval, schedules, earlyStopping, bestCheckpoint, visibleDevices, threads);
  }

  /** This config with the given intervals between log lines, sample grids and checkpoints. */
  public TrainingConfig withIntervals(int log, int sample, int checkpoint) {
    return new TrainingConfig(
        steps, epochs, log, sample, checkpoint, keepCheckpoints, optimizers, onNonFiniteLoss, evaluationInterval,
        schedules, earlyStopping, bestCheckpoint, visibleDevices, threads);
  }

  /** This config with early stopping and the best checkpoint as given (null for off). */
  public TrainingConfig withWatches(EarlyStoppingConfig stopping, BestCheckpointConfig best) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, optimizers, onNonFiniteLoss,
        evaluationInterval, schedules, stopping, best, visibleDevices, threads);
  }

  /** This config with other thread pool sizes. */
  public TrainingConfig withThreads(ThreadsConfig other) {
    return new TrainingConfig(
        steps, epochs, logInterval, sampleInterval, checkpointInterval, keepCheckpoints, optimizers, onNonFiniteLoss,
        evaluationInterval, schedules, earlyStopping, bestCheckpoint, visibleDevices, other);
  }

  private static void requireAtLeastOne(String field, int value) {
    if (value < 1) {
      throw new InvalidConfigException(field, "must be at least 1, got " + value);
    }
  }
}
