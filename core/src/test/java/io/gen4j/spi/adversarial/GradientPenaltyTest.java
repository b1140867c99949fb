package io.gen4j.spi.adversarial;

import static io.gen4j.testing.GraphRunner.scalar;
import static io.gen4j.testing.GraphRunner.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.Noise;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class GradientPenaltyTest {

  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Ops tf = Ops.create(graph);

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  private Noise noise(long seed) {
    return new FixedKeyNoise(tf, seed);
  }

  @Test
  void interpolationWeightsAreUniformInZeroOneOnePerSample() {
    int batch = 4000;
    Operand<TFloat32> real = tf.fill(tf.constant(new int[] {batch, 2, 2, 1}), tf.constant(1f));
    Operand<TFloat32> fake = tf.fill(tf.constant(new int[] {batch, 2, 2, 1}), tf.constant(-1f));
    GradientPenalty.Interpolation interpolation =
        GradientPenalty.interpolate(tf, noise(3), tf.ensureShape(real, org.tensorflow.ndarray.Shape.of(batch, 2, 2, 1)),
            tf.ensureShape(fake, org.tensorflow.ndarray.Shape.of(batch, 2, 2, 1)));
    assertThat(interpolation.weights().shape().asArray()).containsExactly(batch, 1, 1, 1);
    float[] weights = values(session, interpolation.weights());
    double sum = 0;
    double sumOfSquares = 0;
    for (float weight : weights) {
      assertThat(weight).isBetween(0f, 1f);
      sum += weight;
      sumOfSquares += weight * weight;
    }
    double mean = sum / batch;
    double variance = sumOfSquares / batch - mean * mean;
    assertThat(mean).isCloseTo(0.5, within(0.02));
    assertThat(variance).isCloseTo(1.0 / 12, within(0.005)); // a standard normal would give 1
    float[] images = values(session, interpolation.images());
    for (int sample = 0; sample < 10; sample++) {
      float expected = weights[sample] * 1 + (1 - weights[sample]) * -1;
      for (int pixel = 0; pixel < 4; pixel++) {
        assertThat(images[sample * 4 + pixel]).isCloseTo(expected, within(1e-6f));
      }
    }
  }

  @Test
  void penaltyIsZeroForAnExactlyOneLipschitzCritic() {
    // C(x) = w . x with ||w|| = 1: the gradient is w everywhere, its norm exactly 1.
    float[][] weights = {{0.6f}, {0f}, {0.8f}, {0f}};
    Operand<TFloat32> kernel = tf.constant(weights);
    UnaryOperator<Operand<TFloat32>> critic = images -> tf.linalg.matMul(tf.reshape(images, tf.constant(new int[] {-1, 4})), kernel);
    Operand<TFloat32> points = tf.random.statelessRandomNormal(tf.constant(new int[] {16, 2, 2, 1}), tf.constant(new long[] {1, 2}));
    Operand<TFloat32> penalty = GradientPenalty.penalty(tf, critic, tf.ensureShape(points, org.tensorflow.ndarray.Shape.of(16, 2, 2, 1)));
    assertThat(scalar(session, penalty)).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void penaltyOfATwoLipschitzCriticIsOne() {
    Operand<TFloat32> kernel = tf.constant(new float[][] {{1.2f}, {0f}, {1.6f}, {0f}});
    UnaryOperator<Operand<TFloat32>> critic = images -> tf.linalg.matMul(tf.reshape(images, tf.constant(new int[] {-1, 4})), kernel);
    Operand<TFloat32> points = tf.ensureShape(
        tf.random.statelessRandomNormal(tf.constant(new int[] {8, 2, 2, 1}), tf.constant(new long[] {1, 2})),
        org.tensorflow.ndarray.Shape.of(8, 2, 2, 1));
    assertThat(scalar(session, GradientPenalty.penalty(tf, critic, points))).isCloseTo(1f, within(1e-5f));
  }

  @Test
  void r1OfALinearCriticIsItsSquaredWeightNorm() {
    // C(x) = w . x with w = (1.2, 0, 1.6, 0): the gradient is w for every image, ||w||^2 = 1.44 + 2.56 = 4.
    Operand<TFloat32> kernel = tf.constant(new float[][] {{1.2f}, {0f}, {1.6f}, {0f}});
    Operand<TFloat32> images = tf.ensureShape(
        tf.random.statelessRandomNormal(tf.constant(new int[] {8, 2, 2, 1}), tf.constant(new long[] {1, 2})),
        org.tensorflow.ndarray.Shape.of(8, 2, 2, 1));
    Operand<TFloat32> scores = tf.linalg.matMul(tf.reshape(images, tf.constant(new int[] {-1, 4})), kernel);
    assertThat(scalar(session, GradientPenalty.squaredGradientNorm(tf, scores, images, "stabilizers.r1Weight")))
        .isCloseTo(4f, within(1e-5f));
  }

  @Test
  void r1OfAQuadraticCriticIsTheMeanOfFourTimesEachImagesSquaredNorm() {
    // C(x) = sum(x^2): the gradient is 2x, so R1 = mean over images of 4 ||x||^2.
    // Images (1, 2, 0, 0) and (0, 0, 3, -1): 4 * 5 = 20 and 4 * 10 = 40, mean 30.
    Operand<TFloat32> images = tf.reshape(
        tf.constant(new float[] {1f, 2f, 0f, 0f, 0f, 0f, 3f, -1f}), tf.constant(new long[] {2, 2, 2, 1}));
    Operand<TFloat32> scores = tf.sum(tf.math.square(images), tf.constant(new int[] {1, 2, 3}));
    assertThat(scalar(session, GradientPenalty.squaredGradientNorm(tf, scores, images, "stabilizers.r1Weight")))
        .isCloseTo(30f, within(1e-5f));
  }

  /** The critic ops the shipped configs use: dense, bias, LeakyReLU (MLP critics) and conv, dropout (DCGAN). */
  @Test
  void secondOrderGradientsOfMlpCriticMatchFiniteDifferences() {
    NetworkBuilder network = new NetworkBuilder(tf, "critic", 11);
    UnaryOperator<Operand<TFloat32>> critic = images -> {
      Operand<TFloat32> flat = Layers.flatten(tf, images, 16);
      Operand<TFloat32> hidden = Layers.leakyRelu(tf, Layers.dense(network, "dense1", flat, 16, 8), 0.2f);
      return Layers.dense(network, "output", hidden, 8, 1);
    };
    assertPenaltyGradientMatchesFiniteDifference(network, critic);
  }

  @Test
  void secondOrderGradientsOfConvCriticMatchFiniteDifferences() {
    NetworkBuilder network = new NetworkBuilder(tf, "critic", 12);
    Noise dropoutNoise = noise(9);
    UnaryOperator<Operand<TFloat32>> critic = images -> {
      Operand<TFloat32> x = Layers.leakyRelu(tf, Layers.conv2d(network, "conv1", images, 1, 3, 3, 2), 0.2f);
      x = Layers.dropout(tf, x, 0.3f, dropoutNoise, Mode.TRAINING);
      return Layers.dense(network, "output", Layers.flatten(tf, x, 2 * 2 * 3), 12, 1);
    };
    assertPenaltyGradientMatchesFiniteDifference(network, critic);
  }

  @Test
  void aCriticThatCannotBeDifferentiatedTwiceIsAConfigError() {
    NetworkBuilder network = new NetworkBuilder(tf, "critic", 13);
    UnaryOperator<Operand<TFloat32>> critic = images -> {
      Operand<TFloat32> flat = Layers.flatten(tf, images, 16);
      Operand<TFloat32> pooled = tf.reshape(
          tf.nn.maxPool(tf.reshape(Layers.dense(network, "dense1", flat, 16, 16), tf.constant(new int[] {-1, 4, 4, 1})),
              tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID"),
          tf.constant(new int[] {-1, 4}));
      return tf.sum(tf.math.mul(pooled, pooled), tf.constant(new int[] {1}), org.tensorflow.op.core.Sum.keepDims(true));
    };
    Operand<TFloat32> points = points();
    Operand<TFloat32> penalty = GradientPenalty.penalty(tf, critic, points);
    assertThatThrownBy(() -> GradientPenalty.requireDifferentiable(tf, penalty, network.network().variables()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("constraint: gradient-penalty needs second-order gradients through every op of the critic");
  }

  @Test
  void r1ThroughACriticThatCannotBeDifferentiatedTwiceIsAConfigErrorNamingItsField() {
    NetworkBuilder network = new NetworkBuilder(tf, "critic", 13);
    Operand<TFloat32> points = points();
    // tf.nn.relu: TensorFlow's C++ registry has no gradient for ReluGrad.
    Operand<TFloat32> hidden = tf.nn.relu(Layers.dense(network, "dense1", Layers.flatten(tf, points, 16), 16, 8));
    Operand<TFloat32> scores = Layers.dense(network, "output", hidden, 8, 1);
    Operand<TFloat32> r1 = GradientPenalty.squaredGradientNorm(tf, scores, points, "stabilizers.r1Weight");
    assertThatThrownBy(() -> GradientPenalty.requireDifferentiable(
        tf, r1, List.of(network.trainableByLocalName().get("dense1.kernel")), "stabilizers.r1Weight"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("stabilizers.r1Weight: this penalty needs second-order gradients"
            + " through every op of the critic, but TensorFlow has none for one of them (No gradient defined for op:"
            + " ReluGrad")
        .hasMessageEndingWith("set it to 0, or a critic built from differentiable ops");
  }

  private Operand<TFloat32> points() {
    return tf.ensureShape(
        tf.random.statelessRandomNormal(tf.constant(new int[] {4, 4, 4, 1}), tf.constant(new long[] {5, 6})),
        org.tensorflow.ndarray.Shape.of(4, 4, 4, 1));
  }

  private void assertPenaltyGradientMatchesFiniteDifference(
      NetworkBuilder network, UnaryOperator<Operand<TFloat32>> critic) {
    Operand<TFloat32> penalty = GradientPenalty.penalty(tf, critic, points());
    List<Variable<TFloat32>> variables = network.network().variables();
    GradientPenalty.requireDifferentiable(tf, penalty, variables);
    Variable<TFloat32> kernel = variables.get(0);
    Operand<TFloat32> analytic = tf.gradients(penalty, List.of(kernel)).dy(0);
    Operand<TFloat32> delta = tf.placeholder(TFloat32.class);
    org.tensorflow.op.core.AssignAdd<TFloat32> nudge = tf.assignAdd(kernel, tf.math.mul(delta, firstElementMask(kernel)));
    session.initialize();
    float gradient = values(session, analytic)[0];
    float epsilon = 1e-2f;
    float up = nudged(nudge, delta, epsilon, penalty);
    float down = nudged(nudge, delta, -2 * epsilon, penalty);
    float numeric = (up - down) / (2 * epsilon);
    assertThat(gradient).isNotZero();
    assertThat(numeric).isCloseTo(gradient, within(Math.max(2e-2f, Math.abs(gradient) * 0.05f)));
  }

  private Operand<TFloat32> firstElementMask(Variable<TFloat32> kernel) {
    long size = kernel.shape().size();
    float[] mask = new float[(int) size];
    mask[0] = 1f;
    return tf.reshape(tf.constant(mask), tf.constant(kernel.shape()));
  }

  private float nudged(org.tensorflow.op.core.AssignAdd<TFloat32> nudge, Operand<TFloat32> delta, float by, Operand<TFloat32> penalty) {
    try (TFloat32 amount = TFloat32.scalarOf(by)) {
      session.runner().feed(delta, amount).addTarget(nudge).run().close();
    }
    return scalar(session, penalty);
  }
}
