package io.gen4j.examples.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.spi.adversarial.AdversarialLoss;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The loss against values computed by hand for real scores (2, -1) and fake scores (0.5, -3). */
class MarginHingeLossTest {

  @Test
  void discriminatorAndGeneratorLossesWithMarginTwo() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      AdversarialLoss.Scores scores = new AdversarialLoss.Scores(
          tf.constant(new float[][] {{2f}, {-1f}}), tf.constant(new float[][] {{0.5f}, {-3f}}));
      MarginHingeLoss loss = new MarginHingeLoss(2f);
      // relu(2 - 2) = 0, relu(2 + 1) = 3: mean 1.5; relu(2 + 0.5) = 2.5, relu(2 - 3) = 0: mean 1.25.
      assertThat(value(session, loss.discriminator(tf, scores))).isCloseTo(2.75f, within(1e-6f));
      assertThat(value(session, loss.generator(tf, scores))).isCloseTo(1.25f, within(1e-6f));
    }
  }

  private static float value(Session session, Operand<TFloat32> scalar) {
    try (Result result = session.runner().fetch(scalar).run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }
}
