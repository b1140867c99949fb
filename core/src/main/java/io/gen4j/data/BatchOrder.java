package io.gen4j.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which images form each batch: a fresh random permutation of the dataset per epoch, cut into
 * {@link #batchesPerEpoch()} full batches (the incomplete rest of an epoch is dropped).
 *
 * <p>The permutation of epoch {@code e} is a pure function of the seed and {@code e}, so batch
 * number {@code k} is the same whether a run got there uninterrupted or resumed at {@code k}.
 *
 * <p>Not thread-safe: the permutation of the epoch last asked for is cached.
 */
public final class BatchOrder {

  /** An odd constant (2^64 / golden ratio) that spreads consecutive epochs over the seed space. */
  private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

  private final int datasetSize;
  private final int batchSize;
  private final long seed;
  private final int batchesPerEpoch;
  private long cachedEpoch = -1;
  private int[] cachedPermutation;

  /**
   * @param datasetSize the number of images to draw from, indices {@code 0..datasetSize-1}
   * @param batchSize images per batch, at least 1 and at most {@code datasetSize}
   * @param seed decides every permutation
   */
  public BatchOrder(int datasetSize, int batchSize, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (datasetSize < batchSize) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " is larger than the dataset (" + datasetSize
              + " images): an epoch would have no full batch");
    }
    this.datasetSize = datasetSize;
    this.batchSize = batchSize;
    this.seed = seed;
    this.batchesPerEpoch = datasetSize / batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  /** {@code datasetSize / batchSize}: the number of full batches in one epoch. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** The epoch that global batch {@code globalBatch} belongs to. */
  public long epoch(long globalBatch) {
    checkBatch(globalBatch);
    return globalBatch / batchesPerEpoch;
  }

  /**
   * The image indices of global batch {@code globalBatch} (counted from 0 across epochs): {@link
   * #batchSize()} distinct indices, a fresh array on every call.
   */
  public int[] indices(long globalBatch) {
    int[] permutation = permutation(epoch(globalBatch));
    int start = (int) (globalBatch % batchesPerEpoch) * batchSize;
    return Arrays.copyOfRange(permutation, start, start + batchSize);
  }

  private int[] permutation(long epoch) {
    if (epoch != cachedEpoch) {
      cachedPermutation = shuffled(epoch);
      cachedEpoch = epoch;
    }
    return cachedPermutation;
  }

  /** A Fisher-Yates shuffle driven by a generator seeded from (seed, epoch) alone. */
  private int[] shuffled(long epoch) {
    long epochSeed = new SplittableRandom(seed ^ (epoch * EPOCH_STRIDE)).nextLong();
    SplittableRandom random = new SplittableRandom(epochSeed);
    int[] permutation = new int[datasetSize];
    Arrays.setAll(permutation, index -> index);
    for (int last = datasetSize - 1; last > 0; last--) {
      int other = random.nextInt(last + 1);
      int swapped = permutation[last];
      permutation[last] = permutation[other];
      permutation[other] = swapped;
    }
    return permutation;
  }

  private static void checkBatch(long globalBatch) {
    if (globalBatch < 0) {
      throw new IllegalArgumentException("batch number must not be negative, got " + globalBatch);
    }
  }
}
