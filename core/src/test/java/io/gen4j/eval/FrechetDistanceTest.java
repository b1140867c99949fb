package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

  /** tr sqrt(M) of a 2x2 matrix with non-negative eigenvalues: sqrt(tr M + 2 sqrt(det M)). */
  private static double traceOfSquareRoot2x2(double[][] m) {
    double trace = m[0][0] + m[1][1];
    double determinant = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    return Math.sqrt(trace + 2 * Math.sqrt(determinant));
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    return new double[][] {
      {a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]},
      {a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]}
    };
  }

  @Test
  void matchesTheClosedFormForTwoCorrelatedGaussians() {
    double[] mean1 = {1, -2};
    double[] mean2 = {0.5, 1};
    double[][] covariance1 = {{2, 0.8}, {0.8, 1}};
    double[][] covariance2 = {{1, -0.3}, {-0.3, 0.5}};
    double expected = 0.25 + 9 + (3 + 1.5)
        - 2 * traceOfSquareRoot2x2(multiply(covariance1, covariance2));

    assertThat(FrechetDistance.of(mean1, covariance1, mean2, covariance2)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void matchesTheClosedFormForDiagonalGaussians() {
    // Commuting covariances: Tr(S1 + S2 - 2 (S1 S2)^(1/2)) = sum (sqrt(a_i) - sqrt(b_i))^2.
    double[][] covariance1 = {{4, 0, 0}, {0, 9, 0}, {0, 0, 0}};
    double[][] covariance2 = {{1, 0, 0}, {0, 16, 0}, {0, 0, 25}};
    double expected = 3 + (1 + 1 + 25);

    assertThat(FrechetDistance.of(new double[] {1, 1, 1}, covariance1, new double[] {2, 0, 2}, covariance2))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void samplesOfTwoGaussiansApproachTheirClosedForm() {
    Random random = new Random(7);
    int count = 50_000;
    double[][] first = new double[count][];
    double[][] second = new double[count][];
    for (int i = 0; i < count; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      first[i] = new double[] {a, 0.5 * a + b}; // N(0, [[1, 0.5], [0.5, 1.25]])
      second[i] = new double[] {3 + 2 * random.nextGaussian(), -1 + random.nextGaussian()}; // N((3,-1), diag(4, 1))
    }
    double[][] covariance1 = {{1, 0.5}, {0.5, 1.25}};
    double[][] covariance2 = {{4, 0}, {0, 1}};
    double expected = FrechetDistance.of(new double[] {0, 0}, covariance1, new double[] {3, -1}, covariance2);

    assertThat(FrechetDistance.between(Features.of(first), Features.of(second))).isCloseTo(expected, within(0.1));
  }

  @Test
  void aSetAgainstItselfIsZeroAndAShiftCostsItsSquaredLength() {
    Random random = new Random(3);
    int count = 2000;
    int dimension = 64;
    double[][] rows = new double[count][dimension];
    double[][] shifted = new double[count][dimension];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < dimension; j++) {
        rows[i][j] = random.nextGaussian() * (1 + j % 5) + (j % 3 == 0 ? Math.abs(rows[i][0]) : 0);
        shifted[i][j] = rows[i][j] + (j == 5 ? 2 : 0);
      }
    }
    Features features = Features.of(rows);
    double[][] covariance = features.covariance();
    double trace = 0;
    for (int j = 0; j < dimension; j++) {
      trace += covariance[j][j];
    }

    assertThat(FrechetDistance.between(features, features)).isLessThanOrEqualTo(1e-6 * trace);
    assertThat(FrechetDistance.between(features, Features.of(shifted))).isCloseTo(4, within(1e-6 * trace));
  }

  @Test
  void handlesSingularCovariances() {
    // Two features that are always equal and one constant: rank-1 covariance, as dead ReLUs give.
    Random random = new Random(5);
    double[][] rows = new double[500][];
    for (int i = 0; i < rows.length; i++) {
      double value = random.nextGaussian();
      rows[i] = new double[] {value, value, 0};
    }
    Features features = Features.of(rows);

    assertThat(FrechetDistance.between(features, features)).isCloseTo(0, within(1e-9));
  }

  @Test
  void rejectsMismatchedShapes() {
    assertThatThrownBy(() -> FrechetDistance.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}},
            new double[] {0}, new double[][] {{1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("means differ in size: 2 and 1");
    assertThatThrownBy(() -> FrechetDistance.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}},
            new double[] {0, 0}, new double[][] {{1, 0, 0}, {0, 1, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("covariance2 must be 2x2 for means of size 2, got 2x3");
  }
}
