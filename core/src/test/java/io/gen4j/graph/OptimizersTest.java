package io.gen4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.gen4j.config.OptimizerConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The optimizer's update of a two-layer product {@code y = (x W1) W2}: each variable steps once nothing
 * else reads it, the values are Adam's on the gradients of the weights before the step.
 */
class OptimizersTest {

  private static final float LEARNING_RATE = 0.1f;
  private static final float[] X = {1f, 2f};
  private static final float[][] W1 = {{0.5f, -1f}, {0.25f, 2f}};
  private static final float[] W2 = {3f, -0.5f};

  @Test
  void theOuterLayerStepsOnceTheBackwardPassHasReadItNotAfterEveryGradient() {
    try (Graph graph = new Graph()) {
      Network network = network(graph);
      Optimizers.create(network.tf, "adam", adam(), List.of(network.w1, network.w2))
          .apply(network.tf, "update", network.gradients, List.of(network.loss.op()));

      GraphOperation stepOfW2 = applyAdamOf(network.w2);
      GraphOperation stepOfW1 = applyAdamOf(network.w1);
      // The backward pass reads W2 to carry the gradient to the hidden layer: W2's step waits for it ...
      Set<GraphOperation> backwardReadsOfW2 = GraphDependencies.readers(
          network.w2, GraphDependencies.ancestors(List.of(network.gradients.get(0).op())));
      assertThat(backwardReadsOfW2).isNotEmpty();
      for (GraphOperation read : backwardReadsOfW2) {
        assertThat(GraphDependencies.dependsOn(stepOfW2.output(0), read.output(0))).isTrue();
      }
      // ... but not for the gradient of the layer below, which it could only slow down.
      assertThat(GraphDependencies.dependsOn(stepOfW2.output(0), network.gradients.get(0))).isFalse();
      assertThat(GraphDependencies.dependsOn(stepOfW1.output(0), network.gradients.get(0))).isTrue();
    }
  }

  @Test
  void oneStepIsAdamsOnTheGradientsOfTheWeightsBeforeTheStep() {
    try (Graph graph = new Graph()) {
      Network network = network(graph);
      Op update = Optimizers.create(network.tf, "adam", adam(), List.of(network.w1, network.w2))
          .apply(network.tf, "update", network.gradients, List.of(network.loss.op()));
      try (Session session = new Session(graph)) {
        session.initialize();
        session.runner().addTarget(update).run();
        float[] w1 = read(session, network.w1, 4);
        float[] w2 = read(session, network.w2, 2);

        // Hand-computed: h = x W1, y = h W2, loss = y^2; dL/dW2 = 2y h, dL/dW1 = 2y x^T W2^T.
        float[] h = {X[0] * W1[0][0] + X[1] * W1[1][0], X[0] * W1[0][1] + X[1] * W1[1][1]};
        float y = h[0] * W2[0] + h[1] * W2[1];
        for (int j = 0; j < 2; j++) {
          assertThat(w2[j]).isCloseTo(W2[j] - adamFirstStep(2 * y * h[j]), offset(1e-6f));
        }
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            float gradient = 2 * y * X[i] * W2[j];
            assertThat(w1[i * 2 + j])
                .isCloseTo(W1[i][j] - adamFirstStep(gradient), offset(1e-6f));
          }
        }
      }
    }
  }

  /** Adam's first step: m = (1 - b1) g, v = (1 - b2) g^2, lr sqrt(1 - b2) / (1 - b1) m / (sqrt(v) + eps). */
  private static float adamFirstStep(float gradient) {
    OptimizerConfig.Adam config = adam();
    double m = (1 - config.beta1()) * gradient;
    double v = (1 - config.beta2()) * gradient * gradient;
    double rate = LEARNING_RATE * Math.sqrt(1 - config.beta2()) / (1 - config.beta1());
    return (float) (rate * m / (Math.sqrt(v) + config.epsilon()));
  }

  private static OptimizerConfig.Adam adam() {
    return new OptimizerConfig.Adam(LEARNING_RATE, 0.9f, 0.999f, 1e-7f);
  }

  private record Network(
      Ops tf, Variable<TFloat32> w1, Variable<TFloat32> w2, Operand<TFloat32> loss,
      List<Operand<TFloat32>> gradients) {}

  private static Network network(Graph graph) {
    Ops tf = Ops.create(graph);
    Variable<TFloat32> w1 = tf.withName("w1").variable(tf.constant(W1));
    Variable<TFloat32> w2 = tf.withName("w2").variable(
        tf.reshape(tf.constant(W2), tf.constant(new long[] {2, 1})));
    Operand<TFloat32> x = tf.reshape(tf.constant(X), tf.constant(new long[] {1, 2}));
    Operand<TFloat32> y = tf.linalg.matMul(tf.linalg.matMul(x, w1), w2);
    Operand<TFloat32> loss = tf.sum(tf.math.square(y), tf.constant(new int[] {0, 1}));
    return new Network(tf, w1, w2, loss, Optimizers.gradients(tf, loss, List.of(w1, w2)));
  }

  private static GraphOperation applyAdamOf(Variable<TFloat32> variable) {
    return ((GraphOperation) variable.op()).consumers().stream()
        .filter(consumer -> consumer.type().equals("ApplyAdam"))
        .findFirst()
        .orElseThrow();
  }

  private static float[] read(Session session, Variable<TFloat32> variable, int size) {
    try (Result result = session.runner().fetch(variable).run()) {
      float[] values = new float[size];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }
}
