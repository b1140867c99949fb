package io.gen4j.spi.adversarial;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The losses a GAN's discriminator (critic) and generator minimize, from the discriminator's raw
 * outputs for a batch of real and a batch of generated images. The built-in losses of {@link
 * StandardLoss} implement it, and so can a plugin's own: pass it to {@link
 * AdversarialSettings#builder(AdversarialLoss)} and {@link AdversarialGraph} builds both objectives from
 * it, with the constraint, weight averaging and metrics every GAN shares.
 *
 * <p>The generator's loss gets the real images' scores too, for relativistic losses; when it reads
 * them, core feeds the generator's update a batch of real images of its own.
 */
public interface AdversarialLoss {

  /**
   * The discriminator's outputs, one raw score (a logit, or a critic value) per image.
   *
   * @param real scores of the batch of real images, shape {@code [batch, 1]}
   * @param fake scores of the batch of generated images, shape {@code [batch, 1]}
   */
  record Scores(Operand<TFloat32> real, Operand<TFloat32> fake) {
    public Scores {
      requireNonNull(real, "real is null");
      requireNonNull(fake, "fake is null");
    }
  }

  /** The loss's name, for messages and reports: lower case words joined by '-', e.g. {@code hinge}. */
  String id();

  /** The scalar the discriminator (critic) minimizes. */
  Operand<TFloat32> discriminator(Ops tf, Scores scores);

  /** The scalar the generator minimizes. */
  Operand<TFloat32> generator(Ops tf, Scores scores);

  /**
   * Whether the critic must be kept Lipschitz (a {@link LipschitzConstraint} other than {@code none}),
   * as Wasserstein losses need; {@link AdversarialSettings} refuses the other combinations.
   */
  default boolean needsLipschitzConstraint() {
    return false;
  }

  /**
   * Metrics logged with each discriminator update besides {@code d_loss}, by name with their kind. By
   * default the mean raw scores, {@code critic_real} and {@code critic_fake}.
   */
  default Map<String, Metric> metrics(Ops tf, Scores scores) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put("critic_real", new Metric(mean(tf, scores.real()), MetricKind.OTHER));
    metrics.put("critic_fake", new Metric(mean(tf, scores.fake()), MetricKind.OTHER));
    return metrics;
  }

  /** Mean over every element. */
  static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
  }

  /** Binary cross-entropy of logits {@code x} against labels {@code z}, per element: {@code softplus(x) - x z}. */
  static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    return tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, labels));
  }
}
