package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

  private static double[][] line(double... xs) {
    double[][] rows = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      rows[i] = new double[] {xs[i], 0};
    }
    return rows;
  }

  @Test
  void handBuiltSetsWithOneNeighbour() {
    // Real points 0, 1, 2, 3 on a line: every radius (to the nearest other point) is 1.
    // Generated 0.5 is inside, 10 is not: precision 1/2. The generated radii are both 9.5, so every
    // real point lies within 9.5 of 0.5: recall 1.
    Features real = Features.of(line(0, 1, 2, 3));
    Features generated = Features.of(line(0.5, 10));

    PrecisionRecall result = PrecisionRecall.between(real, generated, 1);

    assertThat(result.precision()).isCloseTo(0.5, within(1e-12));
    assertThat(result.recall()).isCloseTo(1, within(1e-12));
    assertThat(result.neighbours()).isEqualTo(1);
  }

  @Test
  void handBuiltSetsWithThreeNeighbours() {
    // Real: 0, 1, 2, 3, 100. Third-neighbour radii: 0 -> 3, 1 -> 2, 2 -> 2, 3 -> 3, 100 -> 99.
    // Generated -2.5 is 2.5 from 0 (inside), 50 is 50 from 100 (inside), 250 and 251 are 150 and 151
    // from 100 (outside): precision 1/2. Generated radii: -2.5 -> 253.5 (to 251), which reaches every
    // real point: recall 1.
    Features real = Features.of(line(0, 1, 2, 3, 100));
    Features generated = Features.of(line(-2.5, 50, 250, 251));

    PrecisionRecall result = PrecisionRecall.between(real, generated, 3);

    assertThat(result.precision()).isCloseTo(0.5, within(1e-12));
    assertThat(result.recall()).isCloseTo(1, within(1e-12));
  }

  @Test
  void aCollapsedGeneratorIsPreciseButRecallsLittle() {
    // Real: a 10 x 10 grid with unit spacing; third-neighbour radius 1 inside, sqrt(2) at corners,
    // 1 along edges. Generated: four points clustered near (0, 0) with radius about 0.1.
    double[][] grid = new double[100][];
    for (int i = 0; i < 100; i++) {
      grid[i] = new double[] {i / 10, i % 10};
    }
    Features real = Features.of(grid);
    Features generated = Features.of(new double[][] {{0, 0}, {0.05, 0}, {0, 0.05}, {0.05, 0.05}, {0.1, 0.1}});

    PrecisionRecall result = PrecisionRecall.between(real, generated, 3);

    assertThat(result.precision()).isCloseTo(1, within(1e-12));
    assertThat(result.recall()).isCloseTo(0.01, within(1e-12)); // only (0, 0) is covered
  }

  @Test
  void largeSetsOfOneDistributionScoreHighOnBoth() {
    Random random = new Random(1);
    double[][] first = new double[3000][8];
    double[][] second = new double[2500][8];
    for (double[] row : first) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    for (double[] row : second) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }

    PrecisionRecall result = PrecisionRecall.between(Features.of(first), Features.of(second), 3);

    assertThat(result.precision()).isGreaterThan(0.7);
    assertThat(result.recall()).isGreaterThan(0.7);
  }

  @Test
  void rejectsKNotBelowTheSetSizes() {
    assertThatThrownBy(() -> PrecisionRecall.between(Features.of(line(0, 1, 2)), Features.of(line(0, 1)), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("neighbours must be at least 1 and smaller than both sets (3 real, 2 generated), got 2");
  }

  @Test
  void radiiComputedOnceGiveTheSameFiguresAndAreChecked() {
    Features real = Features.of(line(0, 1, 2, 3, 10));
    Features generated = Features.of(line(0.5, 2.5, 9, 20));
    double[] radii = PrecisionRecall.realRadii(real, 2);

    assertThat(PrecisionRecall.between(real, radii, generated, 2)).isEqualTo(PrecisionRecall.between(real, generated, 2));
    assertThatThrownBy(() -> PrecisionRecall.realRadii(real, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("neighbours must be at least 1 and smaller than the real set (5), got 5");
    assertThatThrownBy(() -> PrecisionRecall.between(real, new double[4], generated, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("4 radii for 5 real vectors");
  }
}
