package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Kernel Inception Distance (KID) of Bińkowski et al. 2018: the unbiased estimate of the squared
 * maximum mean discrepancy (MMD²) between two feature sets under the polynomial kernel {@code k(x, y)
 * = (x·y / d + 1)^3}, averaged over random subsets.
 *
 * <p>Unlike FID it has an unbiased estimator, so its expected value for two samples of the same
 * distribution is 0 at any sample size; single subsets can come out slightly negative.
 *
 * @param mean the mean of MMD² over the subsets
 * @param standardDeviation the standard deviation of MMD² over the subsets (population form, as
 *     torch-fidelity and clean-fid report it)
 * @param subsets the number of subsets
 * @param subsetSize the vectors drawn, without replacement, from each set per subset
 */
public record KernelInceptionDistance(double mean, double standardDeviation, int subsets, int subsetSize) {

  /** Subsets in the literature's protocol. */
  public static final int DEFAULT_SUBSETS = 100;

  /** Subset size in the literature's protocol. */
  public static final int DEFAULT_SUBSET_SIZE = 1000;

  /**
   * KID over {@code subsets} random subsets, each {@code min(subsetSize, first.count(),
   * second.count())} vectors from either set.
   *
   * <p>The subsets are drawn first, then scored in parallel on the common fork-join pool; the result
   * depends on the seed only.
   *
   * @param seed decides the subsets
   * @throws IllegalArgumentException if either set has fewer than two vectors or the dimensions differ
   */
  public static KernelInceptionDistance between(
      Features first, Features second, int subsets, int subsetSize, long seed) {
    requireNonNull(first, "first is null");
    requireNonNull(second, "second is null");
    requireSameDimension(first, second);
    if (subsets < 1) {
      throw new IllegalArgumentException("subsets must be at least 1, got " + subsets);
    }
    int size = Math.min(subsetSize, Math.min(first.count(), second.count()));
    if (size < 2) {
      throw new IllegalArgumentException(
          "KID needs subsets of at least two vectors; got subset size " + subsetSize + " for sets of "
              + first.count() + " and " + second.count());
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[][] firstIndices = new int[subsets][];
    int[][] secondIndices = new int[subsets][];
    for (int subset = 0; subset < subsets; subset++) {
      firstIndices[subset] = RandomIndices.withoutReplacement(random, first.count(), size);
      secondIndices[subset] = RandomIndices.withoutReplacement(random, second.count(), size);
    }
    double[] estimates = IntStream.range(0, subsets)
        .parallel()
        .mapToDouble(subset -> unbiasedMmdSquared(
            first.select(firstIndices[subset]), second.select(secondIndices[subset])))
        .toArray();
    double mean = 0;
    for (double estimate : estimates) {
      mean += estimate;
    }
    mean /= subsets;
    double variance = 0;
    for (double estimate : estimates) {
      variance += (estimate - mean) * (estimate - mean);
    }
    return new KernelInceptionDistance(mean, Math.sqrt(variance / subsets), subsets, size);
  }

  /**
   * The unbiased MMD² estimate between two whole sets (of sizes m and n, at least 2 each):
   * {@code sum_{i!=j} k(x_i, x_j) / (m(m-1)) + sum_{i!=j} k(y_i, y_j) / (n(n-1)) - 2 sum_{i,j} k(x_i,
   * y_j) / (mn)}.
   */
  public static double unbiasedMmdSquared(Features x, Features y) {
    requireNonNull(x, "x is null");
    requireNonNull(y, "y is null");
    requireSameDimension(x, y);
    if (x.count() < 2 || y.count() < 2) {
      throw new IllegalArgumentException(
          "the unbiased MMD² needs at least two vectors per set, got " + x.count() + " and " + y.count());
    }
    int dimension = x.dimension();
    double m = x.count();
    double n = y.count();
    double withinX = kernelSum(x.matrix(), x.matrix(), dimension, true);
    double withinY = kernelSum(y.matrix(), y.matrix(), dimension, true);
    double across = kernelSum(x.matrix(), y.matrix(), dimension, false);
    return withinX / (m * (m - 1)) + withinY / (n * (n - 1)) - 2 * across / (m * n);
  }

  /** The polynomial kernel {@code (x·y / d + 1)^3}. */
  public static double kernel(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("vectors differ in size: " + x.length + " and " + y.length);
    }
    double dot = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
    }
    double base = dot / x.length + 1;
    return base * base * base;
  }

  private static double kernelSum(DMatrixRMaj a, DMatrixRMaj b, int dimension, boolean skipDiagonal) {
    DMatrixRMaj dots = new DMatrixRMaj(a.numRows, b.numRows);
    CommonOps_DDRM.multTransB(a, b, dots);
    double sum = 0;
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < b.numRows; j++) {
        if (skipDiagonal && i == j) {
          continue;
        }
        double base = dots.data[i * b.numRows + j] / dimension + 1;
        sum += base * base * base;
      }
    }
    return sum;
  }

  private static void requireSameDimension(Features first, Features second) {
    if (first.dimension() != second.dimension()) {
      throw new IllegalArgumentException(
          "feature sets differ in dimension: " + first.dimension() + " and " + second.dimension());
    }
  }
}
