package io.gen4j.models.vae;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The terms of the evidence lower bound of a VAE with a diagonal Gaussian posterior q(z | x) = N(mean,
 * exp(logVariance)), a standard normal prior p(z) and a Bernoulli likelihood p(x | z) with logits from
 * the decoder, all in nats. Each sums over the last axis, so it works per image ({@code [n, d]}) and per
 * image and sample ({@code [n, k, d]}).
 */
final class VariationalBound {

  private VariationalBound() {}

  /**
   * -log p(x | z): the Bernoulli cross-entropy of {@code targets} under {@code logits}, summed over the
   * last axis. Computed as softplus(l) - l x, which is stable for logits of any size.
   */
  static Operand<TFloat32> reconstruction(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets) {
    return sumLast(tf, tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, targets)));
  }

  /** KL(q(z | x) || N(0, I)) = 0.5 sum(exp(logVariance) + mean^2 - 1 - logVariance), over the last axis. */
  static Operand<TFloat32> kl(Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logVariance) {
    Operand<TFloat32> terms = tf.math.sub(
        tf.math.add(tf.math.exp(logVariance), tf.math.square(mean)),
        tf.math.add(tf.constant(1f), logVariance));
    return tf.math.mul(tf.constant(0.5f), sumLast(tf, terms));
  }

  /** The reparameterization trick: z = mean + exp(logVariance / 2) * epsilon, with epsilon ~ N(0, I). */
  static Operand<TFloat32> reparameterize(
      Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logVariance, Operand<TFloat32> epsilon) {
    return tf.math.add(mean, tf.math.mul(tf.math.exp(tf.math.mul(tf.constant(0.5f), logVariance)), epsilon));
  }

  /**
   * log p(x, z) - log q(z | x) = -reconstruction + 0.5 sum(logVariance + epsilon^2 - z^2) for z drawn
   * as {@link #reparameterize reparameterized} from epsilon (the log(2 pi) terms cancel).
   *
   * @param reconstruction -log p(x | z), one per draw of z
   * @param z the draws, with the latent on the last axis
   * @param epsilon the standard normal draws z was made from, same shape as z
   * @param logVariance the posterior's log-variance, broadcastable to z's shape
   */
  static Operand<TFloat32> logImportanceWeights(
      Ops tf, Operand<TFloat32> reconstruction, Operand<TFloat32> z, Operand<TFloat32> epsilon,
      Operand<TFloat32> logVariance) {
    Operand<TFloat32> terms =
        tf.math.sub(tf.math.add(logVariance, tf.math.square(epsilon)), tf.math.square(z));
    return tf.math.sub(tf.math.mul(tf.constant(0.5f), sumLast(tf, terms)), reconstruction);
  }

  private static Operand<TFloat32> sumLast(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(x, tf.constant(-1));
  }
}
