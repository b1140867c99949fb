package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InceptionScoreTest {

  private static double[][] oneHot(int count, int classes, int usedClasses) {
    double[][] rows = new double[count][classes];
    for (int i = 0; i < count; i++) {
      rows[i][i % usedClasses] = 1;
    }
    return rows;
  }

  @Test
  void oneHotPredictionsSpreadEvenlyOverKClassesScoreK() {
    assertThat(InceptionScore.of(oneHot(1000, 10, 10))).isCloseTo(10, within(1e-9));
    assertThat(InceptionScore.of(oneHot(700, 10, 7))).isCloseTo(7, within(1e-9));
  }

  @Test
  void oneClassOrUncertainPredictionsScoreOne() {
    assertThat(InceptionScore.of(oneHot(50, 10, 1))).isCloseTo(1, within(1e-12));
    double[][] uniform = new double[20][4];
    for (double[] row : uniform) {
      Arrays.fill(row, 0.25);
    }
    assertThat(InceptionScore.of(uniform)).isCloseTo(1, within(1e-12));
  }

  @Test
  void softPredictionsScoreBetween() {
    double[][] rows = {{0.9, 0.1}, {0.1, 0.9}};
    // p(y) = (0.5, 0.5); KL = 0.9 ln 1.8 + 0.1 ln 0.2 for each row.
    double expected = Math.exp(0.9 * Math.log(1.8) + 0.1 * Math.log(0.2));

    assertThat(InceptionScore.of(rows)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void rejectsNegativeProbabilities() {
    assertThatThrownBy(() -> InceptionScore.of(new double[][] {{0.5, 0.5}, {1.5, -0.5}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("class probabilities must not be negative; prediction 1 has -0.5 for class 1");
  }
}
