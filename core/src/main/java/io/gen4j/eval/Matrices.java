package io.gen4j.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Conversions and the symmetric eigen decomposition the metrics need, on EJML. */
final class Matrices {

  private Matrices() {}

  static DMatrixRMaj of(double[][] rows, String name) {
    int columns = rows.length == 0 ? 0 : rows[0].length;
    for (double[] row : rows) {
      if (row.length != columns) {
        throw new IllegalArgumentException(name + " must be rectangular");
      }
    }
    return new DMatrixRMaj(rows);
  }

  static double[][] toArray(DMatrixRMaj matrix) {
    double[][] rows = new double[matrix.numRows][matrix.numCols];
    for (int i = 0; i < matrix.numRows; i++) {
      System.arraycopy(matrix.data, i * matrix.numCols, rows[i], 0, matrix.numCols);
    }
    return rows;
  }

  /**
   * The eigenvalues and eigenvectors of a symmetric matrix (its symmetric part, to absorb rounding).
   *
   * @return the eigenvalues; {@code vectors} receives the eigenvectors as columns when not null
   */
  static double[] symmetricEigen(DMatrixRMaj matrix, DMatrixRMaj vectors) {
    int size = matrix.numRows;
    DMatrixRMaj symmetric = new DMatrixRMaj(size, size);
    CommonOps_DDRM.transpose(matrix, symmetric);
    CommonOps_DDRM.addEquals(symmetric, matrix);
    CommonOps_DDRM.scale(0.5, symmetric);
    EigenDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.eig(size, vectors != null, true);
    if (!decomposition.decompose(symmetric)) {
      throw new ArithmeticException("the eigen decomposition of a " + size + "x" + size + " matrix did not converge");
    }
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = decomposition.getEigenvalue(i).getReal();
      if (vectors != null) {
        DMatrixRMaj vector = decomposition.getEigenVector(i);
        for (int row = 0; row < size; row++) {
          vectors.set(row, i, vector.get(row, 0));
        }
      }
    }
    return values;
  }

  /**
   * The principal square root of a symmetric positive semi-definite matrix, {@code V sqrt(L) V^T};
   * eigenvalues below zero (rounding) count as zero.
   */
  static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj matrix) {
    int size = matrix.numRows;
    DMatrixRMaj vectors = new DMatrixRMaj(size, size);
    double[] values = symmetricEigen(matrix, vectors);
    DMatrixRMaj scaled = vectors.copy();
    for (int column = 0; column < size; column++) {
      double root = Math.sqrt(Math.max(0, values[column]));
      for (int row = 0; row < size; row++) {
        scaled.set(row, column, scaled.get(row, column) * root);
      }
    }
    DMatrixRMaj root = new DMatrixRMaj(size, size);
    CommonOps_DDRM.multTransB(scaled, vectors, root);
    return root;
  }
}
