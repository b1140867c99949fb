package io.gen4j.train;

/**
 * Where training stands, saved beside the variables in every checkpoint.
 *
 * @param step completed iterations
 * @param batchesConsumed batches of real images consumed, which fixes the data order on resume
 * @param learningRateScale factor on every configured learning rate: 1, halved by each rollback after
 *     a non-finite loss
 * @param rollbacks rollbacks so far in the run
 */
public record TrainingState(long step, long batchesConsumed, double learningRateScale, int rollbacks) {

  /** Before the first step. */
  public static final TrainingState START = new TrainingState(0, 0, 1.0, 0);

  /** This state after one more rollback: the learning rates halved. */
  public TrainingState rolledBack() {
    return new TrainingState(step, batchesConsumed, learningRateScale / 2, rollbacks + 1);
  }
}
