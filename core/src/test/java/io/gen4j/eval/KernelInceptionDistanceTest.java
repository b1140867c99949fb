package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {

  private static Features gaussian(Random random, int count, int dimension, double shift) {
    double[][] rows = new double[count][dimension];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < dimension; j++) {
        rows[i][j] = random.nextGaussian() + shift;
      }
    }
    return Features.of(rows);
  }

  @Test
  void theKernelIsTheCubedPolynomialOfTheScaledDotProduct() {
    assertThat(KernelInceptionDistance.kernel(new double[] {1, 2}, new double[] {3, 4})).isCloseTo(
        Math.pow(11.0 / 2 + 1, 3), within(1e-12));
  }

  @Test
  void unbiasedMmdMatchesAHandComputedExample() {
    // d = 1, k(a, b) = (ab + 1)^3. Within x: 2 k(0,1) / (2*1) = 1. Within y: 2 k(2,3) / 2 = 343.
    // Across: k(0,2) + k(0,3) + k(1,2) + k(1,3) = 1 + 1 + 27 + 64 = 93, times 2 / 4 = 46.5.
    Features x = Features.of(new double[][] {{0}, {1}});
    Features y = Features.of(new double[][] {{2}, {3}});

    assertThat(KernelInceptionDistance.unbiasedMmdSquared(x, y)).isCloseTo(1 + 343 - 46.5, within(1e-9));
  }

  @Test
  void isUnbiasedForTwoSamplesOfTheSameDistribution() {
    // Small subsets make the bias of a biased estimator (one that keeps the i == j kernel terms)
    // obvious: with them the mean lands many standard errors above 0.
    Random random = new Random(11);
    Features first = gaussian(random, 4000, 16, 0);
    Features second = gaussian(random, 4000, 16, 0);

    KernelInceptionDistance kid = KernelInceptionDistance.between(first, second, 400, 20, 1);

    assertThat(kid.subsets()).isEqualTo(400);
    assertThat(kid.subsetSize()).isEqualTo(20);
    assertThat(kid.standardDeviation()).isGreaterThan(0);
    assertThat(Math.abs(kid.mean())).isLessThan(3 * kid.standardDeviation() / Math.sqrt(kid.subsets()));
  }

  @Test
  void growsWithTheDistanceBetweenDistributionsAndDependsOnTheSeedOnly() {
    Random random = new Random(12);
    Features real = gaussian(random, 500, 8, 0);
    Features near = gaussian(random, 500, 8, 0.3);
    Features far = gaussian(random, 500, 8, 1);

    KernelInceptionDistance nearKid = KernelInceptionDistance.between(real, near, 20, 100, 5);
    KernelInceptionDistance farKid = KernelInceptionDistance.between(real, far, 20, 100, 5);

    assertThat(nearKid.mean()).isGreaterThan(5 * nearKid.standardDeviation() / Math.sqrt(nearKid.subsets()));
    assertThat(farKid.mean()).isGreaterThan(nearKid.mean() * 4);
    assertThat(KernelInceptionDistance.between(real, near, 20, 100, 5)).isEqualTo(nearKid);
  }

  @Test
  void capsTheSubsetSizeBySmallerSetAndRejectsTooSmallSets() {
    Random random = new Random(13);
    Features small = gaussian(random, 30, 4, 0);
    Features large = gaussian(random, 300, 4, 0);

    assertThat(KernelInceptionDistance.between(small, large, 3, 1000, 1).subsetSize()).isEqualTo(30);
    assertThatThrownBy(() -> KernelInceptionDistance.between(gaussian(random, 1, 4, 0), large, 3, 1000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KID needs subsets of at least two vectors; got subset size 1000 for sets of 1 and 300");
  }
}
