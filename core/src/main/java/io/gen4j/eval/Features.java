package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Feature vectors of a set of images, one row per image: the space every metric of {@code gen4j
 * eval} is measured in. Immutable.
 */
public final class Features {

  private final int count;
  private final int dimension;
  private final double[] values;

  /**
   * @param count the number of vectors, at least 1
   * @param dimension the size of each vector, at least 1
   * @param values {@code count * dimension} values, vector after vector; copied
   */
  public Features(int count, int dimension, double[] values) {
    requireNonNull(values, "values is null");
    if (count < 1 || dimension < 1) {
      throw new IllegalArgumentException(
          "features need at least one vector of at least one value, got " + count + " x " + dimension);
    }
    if (values.length != (long) count * dimension) {
      throw new IllegalArgumentException(
          count + " vectors of " + dimension + " need " + (long) count * dimension + " values, got "
              + values.length);
    }
    this.count = count;
    this.dimension = dimension;
    this.values = values.clone();
  }

  /** Features from rows of equal length. */
  public static Features of(double[][] rows) {
    requireNonNull(rows, "rows is null");
    if (rows.length == 0) {
      throw new IllegalArgumentException("features need at least one vector");
    }
    int dimension = rows[0].length;
    double[] values = new double[rows.length * dimension];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dimension) {
        throw new IllegalArgumentException(
            "every vector must have " + dimension + " values; vector " + i + " has " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, values, i * dimension, dimension);
    }
    return new Features(rows.length, dimension, values);
  }

  /** The number of vectors. */
  public int count() {
    return count;
  }

  /** The size of each vector. */
  public int dimension() {
    return dimension;
  }

  /** A copy of vector {@code index}. */
  public double[] row(int index) {
    return Arrays.copyOfRange(values, index * dimension, (index + 1) * dimension);
  }

  /** The vectors at {@code indices}, in that order. */
  public Features select(int[] indices) {
    double[] selected = new double[indices.length * dimension];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * dimension, selected, i * dimension, dimension);
    }
    return new Features(indices.length, dimension, selected);
  }

  /** The mean vector. */
  public double[] mean() {
    double[] mean = new double[dimension];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < dimension; j++) {
        mean[j] += values[i * dimension + j];
      }
    }
    for (int j = 0; j < dimension; j++) {
      mean[j] /= count;
    }
    return mean;
  }

  /**
   * The sample covariance matrix (divided by {@code count - 1}, as NumPy's {@code cov}), {@code
   * dimension x dimension}.
   *
   * @throws IllegalStateException with fewer than two vectors
   */
  public double[][] covariance() {
    if (count < 2) {
      throw new IllegalStateException("a covariance needs at least two vectors, got " + count);
    }
    double[] mean = mean();
    DMatrixRMaj centered = new DMatrixRMaj(count, dimension);
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < dimension; j++) {
        centered.data[i * dimension + j] = values[i * dimension + j] - mean[j];
      }
    }
    DMatrixRMaj covariance = new DMatrixRMaj(dimension, dimension);
    CommonOps_DDRM.multTransA(centered, centered, covariance);
    CommonOps_DDRM.divide(covariance, count - 1);
    return Matrices.toArray(covariance);
  }

  /** The vectors as a {@code count x dimension} matrix over this object's storage: read it, never write it. */
  DMatrixRMaj matrix() {
    return DMatrixRMaj.wrap(count, dimension, values);
  }

  /** The squared Euclidean norm of every vector. */
  double[] squaredNorms() {
    double[] norms = new double[count];
    for (int i = 0; i < count; i++) {
      double sum = 0;
      for (int j = 0; j < dimension; j++) {
        double value = values[i * dimension + j];
        sum += value * value;
      }
      norms[i] = sum;
    }
    return norms;
  }
}
