package io.gen4j.eval;

/**
 * What an evaluation measures and how.
 *
 * @param samples N, the images scored per row (the model's and the reference's), at least 2
 * @param seed decides the generated samples, the reference's train images and the KID subsets
 * @param kidSubsets the subsets KID is averaged over, at least 1
 * @param kidSubsetSize the vectors per KID subset, at least 2 (capped by the set sizes)
 * @param neighbours k of the precision/recall radii, at least 1
 */
public record EvaluationSettings(int samples, long seed, int kidSubsets, int kidSubsetSize, int neighbours) {

  /** N unless told otherwise. */
  public static final int DEFAULT_SAMPLES = 10_000;

  /** The seed unless told otherwise: every evaluation draws the same reference images and KID subsets. */
  public static final long DEFAULT_SEED = 1;

  /** The literature's settings: 10,000 samples, KID over 100 subsets of 1,000, k = 3. */
  public static final EvaluationSettings DEFAULT = new EvaluationSettings(
      DEFAULT_SAMPLES, DEFAULT_SEED, KernelInceptionDistance.DEFAULT_SUBSETS,
      KernelInceptionDistance.DEFAULT_SUBSET_SIZE, PrecisionRecall.DEFAULT_NEIGHBOURS);

  public EvaluationSettings {
    if (samples < 2) {
      throw new IllegalArgumentException("the number of samples must be at least 2, got " + samples);
    }
    if (kidSubsets < 1) {
      throw new IllegalArgumentException("KID subsets must be at least 1, got " + kidSubsets);
    }
    if (kidSubsetSize < 2) {
      throw new IllegalArgumentException("the KID subset size must be at least 2, got " + kidSubsetSize);
    }
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
    }
  }

  /** These settings with another N. */
  public EvaluationSettings withSamples(int samples) {
    return new EvaluationSettings(samples, seed, kidSubsets, kidSubsetSize, neighbours);
  }

  /** These settings with another seed. */
  public EvaluationSettings withSeed(long seed) {
    return new EvaluationSettings(samples, seed, kidSubsets, kidSubsetSize, neighbours);
  }
}
