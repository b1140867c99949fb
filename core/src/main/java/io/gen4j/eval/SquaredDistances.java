package io.gen4j.eval;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Squared Euclidean distances between every row of one feature set and every row of another, block of
 * rows by block of rows ({@code |a|^2 + |b|^2 - 2 a·b}, the product on all cores), so that two sets of
 * 10,000 vectors never need a 10,000 x 10,000 matrix at once.
 */
final class SquaredDistances {

  /** Doubles per block: 32 MB. */
  private static final int BLOCK_VALUES = 4_000_000;

  /** Receives one block: {@code distances[(row - firstRow) * columns + column]}. */
  interface BlockConsumer {
    void accept(int firstRow, int rows, double[] distances);
  }

  private SquaredDistances() {}

  static void forEachBlock(Features rows, Features columns, BlockConsumer consumer) {
    double[] rowNorms = rows.squaredNorms();
    double[] columnNorms = columns.squaredNorms();
    DMatrixRMaj all = rows.matrix();
    DMatrixRMaj other = columns.matrix();
    int width = columns.count();
    int blockRows = Math.max(1, Math.min(rows.count(), BLOCK_VALUES / width));
    DMatrixRMaj block = new DMatrixRMaj(blockRows, rows.dimension());
    DMatrixRMaj products = new DMatrixRMaj(blockRows, width);
    for (int first = 0; first < rows.count(); first += blockRows) {
      int count = Math.min(blockRows, rows.count() - first);
      block.reshape(count, rows.dimension());
      System.arraycopy(all.data, first * rows.dimension(), block.data, 0, count * rows.dimension());
      products.reshape(count, width);
      CommonOps_MT_DDRM.multTransB(block, other, products);
      double[] values = products.data;
      for (int i = 0; i < count; i++) {
        double rowNorm = rowNorms[first + i];
        for (int j = 0; j < width; j++) {
          values[i * width + j] = Math.max(0, rowNorm + columnNorms[j] - 2 * values[i * width + j]);
        }
      }
      consumer.accept(first, count, values);
    }
  }

  /**
   * The squared distance from every vector to its k-th nearest neighbour in the same set, the vector
   * itself not counted.
   *
   * @param neighbours k, at least 1 and below the set's size
   */
  static double[] kthNeighbour(Features set, int neighbours) {
    double[] radii = new double[set.count()];
    int width = set.count();
    forEachBlock(set, set, (firstRow, rows, distances) -> {
      double[] smallest = new double[neighbours];
      for (int i = 0; i < rows; i++) {
        int self = firstRow + i;
        Arrays.fill(smallest, Double.POSITIVE_INFINITY);
        for (int j = 0; j < width; j++) {
          if (j == self) {
            continue;
          }
          double distance = distances[i * width + j];
          if (distance < smallest[neighbours - 1]) {
            int position = neighbours - 1;
            while (position > 0 && smallest[position - 1] > distance) {
              smallest[position] = smallest[position - 1];
              position--;
            }
            smallest[position] = distance;
          }
        }
        radii[self] = smallest[neighbours - 1];
      }
    });
    return radii;
  }
}
