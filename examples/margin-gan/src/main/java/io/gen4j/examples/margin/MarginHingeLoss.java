package io.gen4j.examples.margin;

import static io.gen4j.spi.adversarial.AdversarialLoss.mean;

import io.gen4j.spi.adversarial.AdversarialLoss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The hinge loss with a margin m: D minimizes E[relu(m - D(x))] + E[relu(m + D(G(z)))], G minimizes
 * -E[D(G(z))]. With m = 1 it is the built-in {@code hinge}.
 *
 * @param margin m, greater than 0
 */
record MarginHingeLoss(float margin) implements AdversarialLoss {

  @Override
  public String id() {
    return "margin-hinge";
  }

  @Override
  public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
    Operand<TFloat32> m = tf.constant(margin);
    return tf.math.add(
        mean(tf, tf.nn.relu(tf.math.sub(m, scores.real()))), mean(tf, tf.nn.relu(tf.math.add(m, scores.fake()))));
  }

  @Override
  public Operand<TFloat32> generator(Ops tf, Scores scores) {
    return tf.math.neg(mean(tf, scores.fake()));
  }
}
