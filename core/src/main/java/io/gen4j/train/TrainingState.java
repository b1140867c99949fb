package io.gen4j.train;

/**
 * Where training stands, saved beside the variables in every checkpoint.
 *
 * @param step completed iterations
 * @param batchesConsumed batches of real images consumed, which fixes the data order on resume
 */
public record TrainingState(long step, long batchesConsumed) {

  /** Before the first step. */
  public static final TrainingState START = new TrainingState(0, 0);
}
