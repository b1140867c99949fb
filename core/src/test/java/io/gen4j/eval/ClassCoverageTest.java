package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassCoverageTest {

  @Test
  void evenPredictionsAreAtZeroAndACollapseAtLogK() {
    ClassCoverage even = ClassCoverage.of(new int[] {0, 1, 2, 3, 3, 2, 1, 0}, 4);
    ClassCoverage collapsed = ClassCoverage.of(new int[] {2, 2, 2}, 4);

    assertThat(even.counts()).containsExactly(2, 2, 2, 2);
    assertThat(even.klToUniform()).isCloseTo(0, within(1e-12));
    assertThat(even.classesPresent()).isEqualTo(4);
    assertThat(collapsed.counts()).containsExactly(0, 0, 3, 0);
    assertThat(collapsed.klToUniform()).isCloseTo(Math.log(4), within(1e-12));
    assertThat(collapsed.classesPresent()).isEqualTo(1);
  }

  @Test
  void halfTheClassesCostLogTwo() {
    ClassCoverage half = ClassCoverage.of(new int[] {0, 1, 0, 1}, 4);

    assertThat(half.klToUniform()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(half.total()).isEqualTo(4);
  }

  @Test
  void predictsTheMostProbableClass() {
    double[][] probabilities = {{0.1, 0.7, 0.2}, {0.5, 0.2, 0.3}, {0.2, 0.2, 0.6}};

    assertThat(ClassCoverage.predictedClasses(probabilities)).containsExactly(1, 0, 2);
  }

  @Test
  void rejectsPredictionsOutsideTheClasses() {
    assertThatThrownBy(() -> ClassCoverage.of(new int[] {0, 10}, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prediction 1 is class 10, outside [0, 10)");
  }
}
