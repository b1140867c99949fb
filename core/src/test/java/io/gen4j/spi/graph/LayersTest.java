package io.gen4j.spi.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.graph.Optimizers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LayersTest {

  private static float[] run(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  @Test
  void glorotUniformIsSymmetricAroundZeroWithinTheLimit() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      NetworkBuilder network = new NetworkBuilder(Ops.create(graph), "net", 1);
      float[] values = run(session, Layers.glorotUniform(network, "kernel", 784, 512));
      double limit = Math.sqrt(6.0 / (784 + 512));
      double sum = 0;
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (float value : values) {
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      assertThat(min).isGreaterThanOrEqualTo((float) -limit).isLessThan((float) (-0.99 * limit));
      assertThat(max).isLessThanOrEqualTo((float) limit).isGreaterThan((float) (0.99 * limit));
      assertThat(sum / values.length).isCloseTo(0, within(limit / 100));
    }
  }

  @Test
  void transposedConvolutionHasAStaticShapeAndGradients() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "decoder", 5);
      Operand<TFloat32> input = tf.fill(tf.constant(new int[] {2, 3, 3, 4}), tf.constant(1f));
      Operand<TFloat32> output = Layers.conv2dTranspose(network, "up", input, 4, 2, 3, 2);
      assertThat(output.shape().size(1)).isEqualTo(6);
      assertThat(output.shape().size(2)).isEqualTo(6);
      assertThat(output.shape().size(3)).isEqualTo(2);
      List<Operand<TFloat32>> gradients =
          Optimizers.gradients(tf, tf.reduceSum(output, tf.constant(new int[] {0, 1, 2, 3})), network.network().variables());
      session.initialize();
      assertThat(run(session, output)).hasSize(2 * 6 * 6 * 2);
      assertThat(run(session, gradients.get(1))).containsExactly(2 * 6 * 6, 2 * 6 * 6);
    }
  }

  @Test
  void variablesAreNamedByNetworkAndLayerAndReusedOnRebuild() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "generator", 3);
      Operand<TFloat32> input = tf.constant(new float[][] {{1f, 2f}});
      Operand<TFloat32> first = Layers.dense(network, "dense1", input, 2, 3);
      Operand<TFloat32> second = Layers.dense(network, "dense1", input, 2, 3);
      assertThat(network.network().variableNames()).containsExactly("generator.dense1.kernel", "generator.dense1.bias");
      session.initialize();
      assertThat(run(session, first)).containsExactly(run(session, second));
    }
  }

  @Test
  void batchNormNormalizesInTrainingAndUpdatesMovingAveragesWithMomentum() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "net", 3);
      Operand<TFloat32> x = tf.constant(new float[][] {{1f, 10f}, {3f, 30f}});
      Operand<TFloat32> training = Layers.batchNorm(network, "bn", x, 2, 0.8f, Mode.TRAINING);
      Operand<TFloat32> inference = Layers.batchNorm(network, "bn", x, 2, 0.8f, Mode.INFERENCE);
      session.initialize();
      float[] normalized = run(session, training);
      // batch mean (2, 20), variance (1, 100): (x - mean) / sqrt(var + 1e-3)
      assertThat(normalized[0]).isCloseTo((float) (-1 / Math.sqrt(1.001)), within(1e-5f));
      assertThat(normalized[3]).isCloseTo((float) (10 / Math.sqrt(100.001)), within(1e-5f));
      Session.Runner runner = session.runner();
      network.updates().forEach(runner::addTarget);
      runner.run().close();
      List<org.tensorflow.op.core.Variable<TFloat32>> state = network.stateVariables();
      float[] movingMean = run(session, state.get(0)); // 0.8 * 0 + 0.2 * batch mean
      assertThat(movingMean[0]).isCloseTo(0.4f, within(1e-6f));
      assertThat(movingMean[1]).isCloseTo(4f, within(1e-6f));
      assertThat(run(session, state.get(1))[1]).isCloseTo(0.8f + 0.2f * 100f, within(1e-4f));
      float[] sampled = run(session, inference);
      assertThat(sampled[0]).isCloseTo((float) ((1 - 0.4) / Math.sqrt(1.0 + 0.001)), within(1e-4f));
    }
  }

  @Test
  void batchNormOnFourDimensionsMatchesTheMomentFormulaWithItsGradients() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "net", 3);
      Operand<TFloat32> x = tf.random.statelessRandomNormal(tf.constant(new long[] {4, 3, 3, 2}), tf.constant(new long[] {1, 2}));
      Operand<TFloat32> weights =
          tf.random.statelessRandomNormal(tf.constant(new long[] {4, 3, 3, 2}), tf.constant(new long[] {3, 4}));
      Operand<TFloat32> normalized = Layers.batchNorm(network, "bn", x, 2, 0.9f, Mode.TRAINING);
      List<org.tensorflow.op.core.Variable<TFloat32>> parameters = network.network().variables(); // gamma, beta
      Operand<TFloat32> mean = tf.math.mean(x, tf.constant(new int[] {0, 1, 2}));
      Operand<TFloat32> centered = tf.math.sub(x, mean);
      Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), tf.constant(new int[] {0, 1, 2}));
      Operand<TFloat32> reference = tf.math.add(tf.math.mul(tf.math.mul(centered,
          tf.math.rsqrt(tf.math.add(variance, tf.constant(Layers.BATCH_NORM_EPSILON)))), parameters.get(0)),
          parameters.get(1));
      List<Operand<TFloat32>> fusedGradients = gradients(tf, normalized, weights, x, parameters);
      List<Operand<TFloat32>> referenceGradients = gradients(tf, reference, weights, x, parameters);
      session.initialize();

      assertThat(run(session, normalized)).containsExactly(run(session, reference), within(1e-5f));
      for (int i = 0; i < fusedGradients.size(); i++) {
        assertThat(run(session, fusedGradients.get(i))).as("gradient %d", i)
            .containsExactly(run(session, referenceGradients.get(i)), within(1e-4f));
      }
      Session.Runner runner = session.runner();
      network.updates().forEach(runner::addTarget);
      runner.run().close();
      List<org.tensorflow.op.core.Variable<TFloat32>> state = network.stateVariables();
      float[] batchMean = run(session, mean);
      float[] batchVariance = run(session, variance);
      float[] movingMean = run(session, state.get(0));
      float[] movingVariance = run(session, state.get(1));
      for (int feature = 0; feature < 2; feature++) {
        assertThat(movingMean[feature]).isCloseTo(0.1f * batchMean[feature], within(1e-6f));
        assertThat(movingVariance[feature]).isCloseTo(0.9f + 0.1f * batchVariance[feature], within(1e-6f));
      }
    }
  }

  /** Gradients of sum(y * weights) with respect to x and each parameter. */
  private static List<Operand<TFloat32>> gradients(
      Ops tf, Operand<TFloat32> y, Operand<TFloat32> weights, Operand<TFloat32> x,
      List<org.tensorflow.op.core.Variable<TFloat32>> parameters) {
    Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, weights), tf.constant(new int[] {0, 1, 2, 3}));
    org.tensorflow.op.core.Gradients gradients =
        tf.gradients(loss, List.of(x, parameters.get(0), parameters.get(1)));
    return List.of(gradients.dy(0), gradients.dy(1), gradients.dy(2));
  }

  @Test
  void upsamplingRepeatsEachPixelAsATwoByTwoBlock() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      // One 2x3 image with 2 channels: pixel (i, j) holds (10i + j, -(10i + j)).
      float[] pixels = new float[2 * 3 * 2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          pixels[(i * 3 + j) * 2] = 10 * i + j;
          pixels[(i * 3 + j) * 2 + 1] = -(10 * i + j);
        }
      }
      Operand<TFloat32> image = tf.ensureShape(
          tf.reshape(tf.constant(pixels), tf.constant(new long[] {1, 2, 3, 2})), org.tensorflow.ndarray.Shape.of(1, 2, 3, 2));
      Operand<TFloat32> upsampled = Layers.upsample2x(tf, image);
      assertThat(upsampled.shape().asArray()).containsExactly(1, 4, 6, 2);
      float[] values = run(session, upsampled);
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 6; j++) {
          float expected = 10 * (i / 2) + j / 2;
          assertThat(values[(i * 6 + j) * 2]).as("(%d, %d)", i, j).isEqualTo(expected);
          assertThat(values[(i * 6 + j) * 2 + 1]).as("(%d, %d)", i, j).isEqualTo(-expected);
        }
      }
    }
  }

  @Test
  void averagePoolingMeansEachTwoByTwoBlockAndHasSecondOrderGradients() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      // One 4x4 single-channel image with pixels 0..15.
      float[] pixels = new float[16];
      for (int i = 0; i < 16; i++) {
        pixels[i] = i;
      }
      org.tensorflow.op.core.Variable<TFloat32> image = tf.variable(
          tf.reshape(tf.constant(pixels), tf.constant(new long[] {1, 4, 4, 1})));
      Operand<TFloat32> pooled = Layers.averagePool2x(tf, image);
      // Blocks {0, 1, 4, 5}, {2, 3, 6, 7}, {8, 9, 12, 13}, {10, 11, 14, 15}.
      Operand<TFloat32> squared = tf.math.square(pooled);
      Operand<TFloat32> total = tf.sum(squared, tf.constant(new int[] {0, 1, 2, 3}));
      // Seeded with ones (not the default OnesLike, which has no gradient of its own), as penalties are.
      Operand<TFloat32> gradient = tf.gradients(total, List.of(image),
          org.tensorflow.op.core.Gradients.dx(List.of(tf.fill(tf.shape(total), tf.constant(1f))))).dy(0);
      Operand<TFloat32> gradientNorm = tf.sum(tf.math.square(gradient), tf.constant(new int[] {0, 1, 2, 3}));
      Operand<TFloat32> secondOrder = Optimizers.gradients(tf, gradientNorm, List.of(image)).get(0);
      session.initialize();
      assertThat(run(session, pooled)).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
      // d/dx of sum(p^2) is 2p/4 = p/2 at each of a block's pixels; its squared norm is sum 4 (p/2)^2 = sum p^2,
      // whose gradient is again p/2 per pixel.
      float[] expected = {1.25f, 1.25f, 2.25f, 2.25f, 1.25f, 1.25f, 2.25f, 2.25f,
          5.25f, 5.25f, 6.25f, 6.25f, 5.25f, 5.25f, 6.25f, 6.25f};
      assertThat(run(session, gradient)).containsExactly(expected, within(1e-6f));
      assertThat(run(session, secondOrder)).containsExactly(expected, within(1e-6f));
    }
  }

  @Test
  void averagePoolingKeepsImagesAndChannelsApart() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      // Two 2x4 images with 3 channels: x[b, i, j, c] = 100b + 10i + j + c/10.
      float[] pixels = new float[2 * 2 * 4 * 3];
      for (int b = 0; b < 2; b++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 4; j++) {
            for (int c = 0; c < 3; c++) {
              pixels[((b * 2 + i) * 4 + j) * 3 + c] = 100 * b + 10 * i + j + c / 10f;
            }
          }
        }
      }
      Operand<TFloat32> images = tf.ensureShape(tf.reshape(tf.constant(pixels), tf.constant(new long[] {2, 2, 4, 3})),
          org.tensorflow.ndarray.Shape.of(2, 2, 4, 3));
      Operand<TFloat32> pooled = Layers.averagePool2x(tf, images);
      assertThat(pooled.shape().asArray()).containsExactly(2, 1, 2, 3);
      // The block of columns 2k and 2k + 1: 100b + 5 + 2k + 0.5 + c/10.
      float[] expected = new float[2 * 2 * 3];
      for (int b = 0; b < 2; b++) {
        for (int k = 0; k < 2; k++) {
          for (int c = 0; c < 3; c++) {
            expected[(b * 2 + k) * 3 + c] = 100 * b + 5.5f + 2 * k + c / 10f;
          }
        }
      }
      assertThat(run(session, pooled)).containsExactly(expected, within(1e-4f));
    }
  }

  @Test
  void reluIsMaxWithZeroAndDifferentiableTwice() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      org.tensorflow.op.core.Variable<TFloat32> x = tf.variable(tf.constant(new float[] {-2f, -0.5f, 0.5f, 3f}));
      Operand<TFloat32> y = Layers.relu(tf, x);
      // sum(relu(x)^3): gradient 3 relu(x)^2; the sum of that gradient's squares has gradient 36 relu(x)^3.
      Operand<TFloat32> total = tf.sum(tf.math.mul(y, tf.math.square(y)), tf.constant(0));
      Operand<TFloat32> gradient = tf.gradients(total, List.of(x),
          org.tensorflow.op.core.Gradients.dx(List.of(tf.fill(tf.shape(total), tf.constant(1f))))).dy(0);
      Operand<TFloat32> secondOrder = Optimizers.gradients(
          tf, tf.sum(tf.math.square(gradient), tf.constant(0)), List.of(x)).get(0);
      session.initialize();
      assertThat(run(session, y)).containsExactly(new float[] {0f, 0f, 0.5f, 3f}, within(0f)); // -0 below zero
      assertThat(run(session, gradient)).containsExactly(new float[] {0f, 0f, 0.75f, 27f}, within(1e-5f));
      assertThat(run(session, secondOrder)).containsExactly(new float[] {0f, 0f, 4.5f, 972f}, within(1e-3f));
    }
  }
}
