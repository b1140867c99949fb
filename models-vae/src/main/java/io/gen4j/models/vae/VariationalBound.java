package io.gen4j.models.vae;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The terms of the evidence lower bound of a VAE with a diagonal Gaussian posterior q(z | x) = N(mean,
 * exp(logVariance)), a standard normal prior p(z) and a {@link Likelihood} p(x | z) with parameters from
 * the decoder, all in nats. Each sums over the last axis, so it works per image ({@code [n, d]}) and per
 * image and sample ({@code [n, k, d]}, with targets {@code [n, 1, d]}).
 */
final class VariationalBound {

  /** The continuous likelihoods' log scales are kept at or above this (as PixelCNN++ does). */
  static final float MINIMUM_LOG_SCALE = -7f;

  /** Levels of 8-bit data. */
  static final int LEVELS = 256;

  /** Below this probability of the central bins, the discretized logistic uses its density at the centre. */
  private static final float SMALL_BIN_PROBABILITY = 1e-5f;

  private VariationalBound() {}

  /**
   * -log p(x | z): the Bernoulli cross-entropy of {@code targets} under {@code logits}, summed over the
   * last axis. Computed as softplus(l) - l x, which is stable for logits of any size.
   */
  static Operand<TFloat32> reconstruction(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets) {
    return sumLast(tf, tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, targets)));
  }

  /**
   * -log p(y | z) + D ln 256 for the Gaussian N(mean, exp(logScale)^2) per value and dequantized data y in
   * [0, 1), summed over the last axis: an upper bound on the negative log-probability of the 8-bit levels
   * y was drawn from. {@code logScale} is clamped at {@link #MINIMUM_LOG_SCALE}.
   */
  static Operand<TFloat32> gaussianReconstruction(
      Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logScale, Operand<TFloat32> targets) {
    Operand<TFloat32> clamped = tf.math.maximum(logScale, tf.constant(MINIMUM_LOG_SCALE));
    Operand<TFloat32> standardized = tf.math.mul(tf.math.sub(targets, mean), tf.math.exp(tf.math.neg(clamped)));
    Operand<TFloat32> perValue = tf.math.add(
        tf.math.add(clamped, tf.math.mul(tf.constant(0.5f), tf.math.square(standardized))),
        tf.constant((float) (0.5 * Math.log(2 * Math.PI) + Math.log(LEVELS))));
    return sumLast(tf, perValue);
  }

  /**
   * -log P(x | z) for levels x = k / 255 under a logistic (location, exp(logScale)) per value discretized
   * into bins of width 1 / 255 around the levels, the lowest bin taking everything below it and the
   * highest everything above, summed over the last axis. Where a central bin's probability underflows,
   * the density at its centre times the bin width stands in. {@code logScale} is clamped at {@link
   * #MINIMUM_LOG_SCALE}.
   */
  static Operand<TFloat32> discretizedLogisticReconstruction(
      Ops tf, Operand<TFloat32> location, Operand<TFloat32> logScale, Operand<TFloat32> targets) {
    Operand<TFloat32> clamped = tf.math.maximum(logScale, tf.constant(MINIMUM_LOG_SCALE));
    Operand<TFloat32> inverseScale = tf.math.exp(tf.math.neg(clamped));
    Operand<TFloat32> centred = tf.math.sub(targets, location);
    Operand<TFloat32> halfBin = tf.constant(0.5f / (LEVELS - 1));
    Operand<TFloat32> upper = tf.math.mul(inverseScale, tf.math.add(centred, halfBin));
    Operand<TFloat32> lower = tf.math.mul(inverseScale, tf.math.sub(centred, halfBin));
    // log sigmoid(upper): the lowest level's probability; log(1 - sigmoid(lower)): the highest level's
    Operand<TFloat32> logBelowUpper = tf.math.sub(upper, tf.math.softplus(upper));
    Operand<TFloat32> logAboveLower = tf.math.neg(tf.math.softplus(lower));
    Operand<TFloat32> binProbability = tf.math.sub(tf.math.sigmoid(upper), tf.math.sigmoid(lower));
    Operand<TFloat32> logBin = tf.math.log(tf.math.maximum(binProbability, tf.constant(1e-12f)));
    Operand<TFloat32> middle = tf.math.mul(inverseScale, centred);
    Operand<TFloat32> logCentreDensity = tf.math.sub(
        tf.math.sub(middle, clamped), tf.math.mul(tf.constant(2f), tf.math.softplus(middle)));
    Operand<TFloat32> logCentreMass = tf.math.sub(logCentreDensity, tf.constant((float) Math.log(LEVELS - 1)));
    Operand<TFloat32> large = mask(tf, tf.math.greater(binProbability, tf.constant(SMALL_BIN_PROBABILITY)));
    Operand<TFloat32> logCentral = blend(tf, large, logBin, logCentreMass);
    Operand<TFloat32> lowest = mask(tf, tf.math.less(targets, tf.constant(0.5f / (LEVELS - 1))));
    Operand<TFloat32> highest = mask(tf, tf.math.greater(targets, tf.constant(1f - 0.5f / (LEVELS - 1))));
    Operand<TFloat32> logProbability =
        blend(tf, lowest, logBelowUpper, blend(tf, highest, logAboveLower, logCentral));
    return tf.math.neg(sumLast(tf, logProbability));
  }

  /**
   * The negative ELBO in bits per dimension: {@code negativeElbo / (dimensions ln 2)}, the unit of the
   * likelihood literature on 8-bit images.
   */
  static Operand<TFloat32> bitsPerDimension(Ops tf, Operand<TFloat32> negativeElbo, int dimensions) {
    return tf.math.div(negativeElbo, tf.constant((float) (dimensions * Math.log(2))));
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

  /** 1 where {@code condition} holds, else 0. */
  private static Operand<TFloat32> mask(Ops tf, Operand<TBool> condition) {
    return tf.dtypes.cast(condition, TFloat32.class);
  }

  /** {@code mask * chosen + (1 - mask) * otherwise}; both must be finite, so that no 0 * inf makes a NaN. */
  private static Operand<TFloat32> blend(
      Ops tf, Operand<TFloat32> mask, Operand<TFloat32> chosen, Operand<TFloat32> otherwise) {
    return tf.math.add(tf.math.mul(mask, chosen), tf.math.mul(tf.math.sub(tf.constant(1f), mask), otherwise));
  }

  private static Operand<TFloat32> sumLast(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(x, tf.constant(-1));
  }
}
