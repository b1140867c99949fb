package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Fréchet distance between two Gaussians fitted to two feature sets: the Fréchet Inception
 * Distance (FID) of Heusel et al. 2017 when the features come from a classifier's penultimate layer.
 *
 * <p>{@code FID = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2))}. The trace of {@code (S1 S2)^(1/2)}
 * is computed as the sum of the square roots of the eigenvalues of {@code S1^(1/2) S2 S1^(1/2)}, a
 * symmetric positive semi-definite matrix with the same eigenvalues as {@code S1 S2}: no complex
 * arithmetic and no non-symmetric square root, which is where the usual {@code sqrtm} loses precision
 * on singular covariances.
 */
public final class FrechetDistance {

  private FrechetDistance() {}

  /** The Fréchet distance between the Gaussians fitted to two feature sets (sample means and covariances). */
  public static double between(Features first, Features second) {
    requireNonNull(first, "first is null");
    requireNonNull(second, "second is null");
    if (first.dimension() != second.dimension()) {
      throw new IllegalArgumentException(
          "feature sets differ in dimension: " + first.dimension() + " and " + second.dimension());
    }
    return of(first.mean(), first.covariance(), second.mean(), second.covariance());
  }

  /**
   * The Fréchet distance between {@code N(mean1, covariance1)} and {@code N(mean2, covariance2)}.
   *
   * @param covariance1 symmetric positive semi-definite, {@code d x d} for means of size d
   * @param covariance2 symmetric positive semi-definite, {@code d x d}
   * @return the distance, at least 0 (a negative rounding residue is returned as 0)
   */
  public static double of(double[] mean1, double[][] covariance1, double[] mean2, double[][] covariance2) {
    requireNonNull(mean1, "mean1 is null");
    requireNonNull(mean2, "mean2 is null");
    int size = mean1.length;
    if (size == 0) {
      throw new IllegalArgumentException("means must not be empty");
    }
    if (mean2.length != size) {
      throw new IllegalArgumentException("means differ in size: " + size + " and " + mean2.length);
    }
    DMatrixRMaj sigma1 = square(covariance1, "covariance1", size);
    DMatrixRMaj sigma2 = square(covariance2, "covariance2", size);
    double meanTerm = 0;
    for (int i = 0; i < size; i++) {
      double difference = mean1[i] - mean2[i];
      meanTerm += difference * difference;
    }
    DMatrixRMaj root1 = Matrices.symmetricSquareRoot(sigma1);
    DMatrixRMaj product = new DMatrixRMaj(size, size);
    DMatrixRMaj sandwich = new DMatrixRMaj(size, size);
    CommonOps_DDRM.mult(root1, sigma2, product);
    CommonOps_DDRM.mult(product, root1, sandwich);
    double traceOfRoot = 0;
    for (double eigenvalue : Matrices.symmetricEigen(sandwich, null)) {
      traceOfRoot += Math.sqrt(Math.max(0, eigenvalue));
    }
    double distance = meanTerm + CommonOps_DDRM.trace(sigma1) + CommonOps_DDRM.trace(sigma2) - 2 * traceOfRoot;
    return Math.max(0, distance);
  }

  private static DMatrixRMaj square(double[][] covariance, String name, int size) {
    requireNonNull(covariance, name + " is null");
    DMatrixRMaj matrix = Matrices.of(covariance, name);
    if (matrix.numRows != size || matrix.numCols != size) {
      throw new IllegalArgumentException(
          name + " must be " + size + "x" + size + " for means of size " + size + ", got "
              + matrix.numRows + "x" + matrix.numCols);
    }
    return matrix;
  }
}
