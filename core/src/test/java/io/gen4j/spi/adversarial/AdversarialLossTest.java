package io.gen4j.spi.adversarial;

import static io.gen4j.testing.GraphRunner.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each loss against values computed by hand for real logits (2, -1) and fake logits (0.5, -3). */
class AdversarialLossTest {

  private static final double[] REAL = {2, -1};
  private static final double[] FAKE = {0.5, -3};

  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Ops tf = Ops.create(graph);
  private final Operand<TFloat32> real = tf.constant(new float[][] {{2f}, {-1f}});
  private final Operand<TFloat32> fake = tf.constant(new float[][] {{0.5f}, {-3f}});

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  private static double mean(double a, double b) {
    return (a + b) / 2;
  }

  private float discriminator(AdversarialLoss loss) {
    return scalar(session, loss.discriminator(tf, new AdversarialLoss.Scores(real, fake)));
  }

  private float generator(AdversarialLoss loss) {
    return scalar(session, loss.generator(tf, new AdversarialLoss.Scores(real, fake)));
  }

  @Test
  void crossEntropyDiscriminatorLoss() {
    // -log sigmoid(r) = softplus(-r); -log(1 - sigmoid(f)) = softplus(f)
    double expected = mean(softplus(-REAL[0]), softplus(-REAL[1])) + mean(softplus(FAKE[0]), softplus(FAKE[1]));
    assertThat(discriminator(StandardLoss.NON_SATURATING)).isCloseTo((float) expected, within(1e-5f));
    assertThat(discriminator(StandardLoss.MINIMAX)).isCloseTo((float) expected, within(1e-5f));
    assertThat(expected).isCloseTo(1.2315, within(1e-3)); // (0.1269 + 1.3133) / 2 + (0.9741 + 0.0486) / 2
  }

  @Test
  void minimaxGeneratorMinimizesLogOfOneMinusD() {
    double expected = mean(Math.log(1 - sigmoid(FAKE[0])), Math.log(1 - sigmoid(FAKE[1])));
    assertThat(generator(StandardLoss.MINIMAX)).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void nonSaturatingGeneratorMaximizesLogD() {
    double expected = mean(-Math.log(sigmoid(FAKE[0])), -Math.log(sigmoid(FAKE[1])));
    assertThat(generator(StandardLoss.NON_SATURATING)).isCloseTo((float) expected, within(1e-5f));
  }

  @Test
  void wassersteinLosses() {
    assertThat(discriminator(StandardLoss.WASSERSTEIN)).isCloseTo((float) (mean(0.5, -3) - mean(2, -1)), within(1e-6f));
    assertThat(generator(StandardLoss.WASSERSTEIN)).isCloseTo(1.25f, within(1e-6f));
  }

  @Test
  void hingeLosses() {
    // relu(1 - 2) = 0, relu(1 + 1) = 2; relu(1 + 0.5) = 1.5, relu(1 - 3) = 0
    assertThat(discriminator(StandardLoss.HINGE)).isCloseTo(1f + 0.75f, within(1e-6f));
    assertThat(generator(StandardLoss.HINGE)).isCloseTo(1.25f, within(1e-6f));
  }

  @Test
  void leastSquaresLosses() {
    // ½ mean((r-1)²) = ½ (1 + 4)/2; ½ mean(f²) = ½ (0.25 + 9)/2
    assertThat(discriminator(StandardLoss.LEAST_SQUARES)).isCloseTo(1.25f + 2.3125f, within(1e-5f));
    // ½ mean((f-1)²) = ½ (0.25 + 16)/2
    assertThat(generator(StandardLoss.LEAST_SQUARES)).isCloseTo(4.0625f, within(1e-5f));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
