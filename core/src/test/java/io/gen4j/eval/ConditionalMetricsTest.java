package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Accuracy on the requested labels and per-class FID, on made-up features and class probabilities. */
class ConditionalMetricsTest {

  /** Two classes in 2-D: class c's features around (4c, 0); the classifier says {@code predicted[i]}. */
  private static Embedding embedding(int[] classes, int[] predicted, double shift, long seed) {
    Random random = new Random(seed);
    double[][] rows = new double[classes.length][];
    double[][] probabilities = new double[classes.length][];
    for (int i = 0; i < classes.length; i++) {
      rows[i] = new double[] {4 * classes[i] + shift + random.nextGaussian(), random.nextGaussian()};
      probabilities[i] = predicted[i] == 0 ? new double[] {0.9, 0.1} : new double[] {0.2, 0.8};
    }
    return new Embedding(Features.of(rows), probabilities);
  }

  private static int[] alternating(int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 2;
    }
    return labels;
  }

  @Test
  void accuracyIsTheShareClassifiedAsRequestedOverallAndPerClass() {
    int[] requested = alternating(400);
    int[] predicted = requested.clone();
    for (int i = 0; i < 400; i += 4) {
      predicted[i] = 1; // a quarter of the class-0 samples come out as ones: class 0 is 50% right
    }
    for (int i = 1; i < 400; i += 2) {
      if (i % 10 == 1) {
        predicted[i] = 0; // a fifth of the class-1 samples come out as zeros: class 1 is 80% right
      }
    }
    int[] testLabels = alternating(2000);
    ConditionalMetrics metrics = ConditionalMetrics.of(
        embedding(requested, predicted, 0, 1), requested, embedding(testLabels, testLabels, 0, 2), testLabels, 2);

    assertThat(metrics.classes()).extracting(ConditionalMetrics.ClassRow::label).containsExactly(0, 1);
    assertThat(metrics.classes()).extracting(ConditionalMetrics.ClassRow::samples).containsExactly(200, 200);
    assertThat(metrics.classes().get(0).accuracy()).isCloseTo(0.5, within(1e-12));
    assertThat(metrics.classes().get(1).accuracy()).isCloseTo(0.8, within(1e-12));
    assertThat(metrics.accuracy()).isCloseTo(0.65, within(1e-12));
  }

  @Test
  void perClassFidIsSmallForTheRightClassAndGrowsWithTheShift() {
    int[] requested = alternating(2000);
    int[] testLabels = alternating(2000);
    Embedding test = embedding(testLabels, testLabels, 0, 2);
    ConditionalMetrics matching = ConditionalMetrics.of(embedding(requested, requested, 0, 3), requested, test, testLabels, 2);
    ConditionalMetrics shifted = ConditionalMetrics.of(embedding(requested, requested, 2, 3), requested, test, testLabels, 2);

    // Same Gaussian per class: FID near 0. Shifted by 2 along x: FID near the squared shift, 4.
    assertThat(matching.classes()).allSatisfy(row -> assertThat(row.fid()).isLessThan(0.05));
    assertThat(shifted.classes()).allSatisfy(row -> assertThat(row.fid()).isCloseTo(4.0, within(0.3)));
    assertThat(shifted.meanClassFid()).isCloseTo(
        (shifted.classes().get(0).fid() + shifted.classes().get(1).fid()) / 2, within(1e-12));
  }

  @Test
  void aClassWithoutSamplesIsRefusedWithAHint() {
    int[] requested = new int[10];
    int[] testLabels = alternating(20);
    assertThatThrownBy(() -> ConditionalMetrics.of(
            embedding(requested, requested, 0, 1), requested, embedding(testLabels, testLabels, 0, 2), testLabels, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("class 1 has 0 samples and 10 test images; a per-class FID needs at least 2 of each"
            + " (draw more samples with --n)");
  }
}
