package io.gen4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.gen4j.config.NonFiniteLossPolicy;

/**
 * Where training stands, saved beside the variables in every checkpoint.
 *
 * @param step completed iterations, at least 0
 * @param batchesConsumed batches of real images consumed, which fixes the data order on resume; at
 *     least 0
 * @param learningRateScale factor on every configured learning rate: 1, halved by each rollback after
 *     a non-finite loss; in (0, 1]
 * @param rollbacks rollbacks so far in the run, in [0, {@link NonFiniteLossPolicy#MAX_ROLLBACKS}]
 */
public record TrainingState(long step, long batchesConsumed, double learningRateScale, int rollbacks) {

  /** Before the first step. */
  public static final TrainingState START = new TrainingState(0, 0, 1.0, 0);

  /** The largest {@code state.json} read. */
  static final int MAX_BYTES = 1 << 12;

  public TrainingState {
    if (step < 0) {
      throw new IllegalArgumentException("step must be at least 0, got " + step);
    }
    if (batchesConsumed < 0) {
      throw new IllegalArgumentException("batchesConsumed must be at least 0, got " + batchesConsumed);
    }
    if (!(learningRateScale > 0 && learningRateScale <= 1)) {
      throw new IllegalArgumentException("learningRateScale must be in (0, 1], got " + learningRateScale);
    }
    if (rollbacks < 0 || rollbacks > NonFiniteLossPolicy.MAX_ROLLBACKS) {
      throw new IllegalArgumentException(
          "rollbacks must be in [0, " + NonFiniteLossPolicy.MAX_ROLLBACKS + "], got " + rollbacks);
    }
  }

  /** This state after one more rollback: the learning rates halved. */
  public TrainingState rolledBack() {
    return new TrainingState(step, batchesConsumed, learningRateScale / 2, rollbacks + 1);
  }

  /**
   * Parses a {@code state.json}, strictly: every field present, no other field, values in range.
   *
   * @param source names the file in errors
   * @throws CheckpointException naming {@code source} and the problem
   */
  public static TrainingState parse(byte[] bytes, String source) {
    if (bytes.length > MAX_BYTES) {
      throw new CheckpointException(source + ": " + bytes.length + " bytes; a training state has at most " + MAX_BYTES);
    }
    try {
      TrainingState state = CheckpointManifest.JSON.readValue(bytes, TrainingState.class);
      if (state == null) {
        throw new CheckpointException(source + ": empty");
      }
      return state;
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CheckpointException(source + ": " + CheckpointManifest.firstLine(cause.getMessage()), e);
    } catch (java.io.IOException e) {
      String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new CheckpointException(source + ": not a training state: " + CheckpointManifest.firstLine(message), e);
    }
  }
}
