package io.gen4j.spi.adversarial;

import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.Noise;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The WGAN-GP gradient penalty E[(||∇x̂ C(x̂)||₂ - 1)²] on interpolates x̂ = ε x + (1 - ε) x̃, with one
 * ε per sample drawn uniformly from [0, 1] (not from a normal distribution, a known bug elsewhere).
 */
public final class GradientPenalty {

  private static final float NORM_EPSILON = 1e-12f;

  private GradientPenalty() {}

  /**
   * Interpolates between real and generated images.
   *
   * @param weights ε, shape {@code [batch, 1, 1, 1]}, uniform in [0, 1)
   * @param images ε real + (1 - ε) fake
   */
  public record Interpolation(Operand<TFloat32> weights, Operand<TFloat32> images) {}

  /** Random interpolates between a batch of real and a batch of generated images of the same static shape. */
  public static Interpolation interpolate(Ops tf, Noise noise, Operand<TFloat32> real, Operand<TFloat32> fake) {
    long[] shape = real.shape().asArray();
    long[] weightShape = new long[shape.length];
    java.util.Arrays.fill(weightShape, 1);
    weightShape[0] = shape[0];
    Operand<TFloat32> weights = noise.uniform(weightShape);
    Operand<TFloat32> images = tf.math.add(
        tf.math.mul(weights, real),
        tf.math.mul(tf.math.sub(tf.constant(1f), weights), tf.stopGradient(fake)));
    return new Interpolation(weights, images);
  }

  /**
   * The penalty for a critic at the given points.
   *
   * @param critic scores a batch of images; one score per image
   * @param points where to evaluate the critic's gradient, typically {@link #interpolate} images
   */
  public static Operand<TFloat32> penalty(Ops tf, UnaryOperator<Operand<TFloat32>> critic, Operand<TFloat32> points) {
    Operand<TFloat32> squaredNorm = squaredGradientNorms(tf, critic.apply(points), points, "constraint");
    Operand<TFloat32> norm = tf.math.sqrt(tf.math.add(squaredNorm, tf.constant(NORM_EPSILON)));
    return tf.math.mean(tf.math.square(tf.math.sub(norm, tf.constant(1f))), tf.constant(0));
  }

  /**
   * The R1 (on real images) or R2 (on generated images) penalty of Mescheder et al. 2018, unweighted:
   * E[‖∇ₓ D(x)‖²], the mean over the batch of the squared L2 norm of each score's gradient with respect
   * to its own image. A model adds γ/2 times it to the discriminator's loss.
   *
   * @param scores the discriminator's scores of {@code images}, one per image; computed from them (through
   *     any augmentation, whose gradient then counts too)
   * @param images the images the gradient is taken with respect to
   * @param field the config field that asked for the penalty, named if a critic op has no second-order gradient
   */
  public static Operand<TFloat32> squaredGradientNorm(
      Ops tf, Operand<TFloat32> scores, Operand<TFloat32> images, String field) {
    return tf.math.mean(squaredGradientNorms(tf, scores, images, field), tf.constant(0));
  }

  /** ‖∇ D(x)‖² per image. */
  private static Operand<TFloat32> squaredGradientNorms(
      Ops tf, Operand<TFloat32> scores, Operand<TFloat32> points, String field) {
    Gradients gradients;
    try {
      gradients = tf.gradients(scores, List.of(points), Gradients.dx(List.of(tf.fill(tf.shape(scores), tf.constant(1f)))));
    } catch (RuntimeException e) {
      throw notDifferentiable(field, e);
    }
    Operand<TFloat32> gradient = gradients.dy(0);
    int rank = points.shape().numDimensions();
    int[] axes = java.util.stream.IntStream.range(1, rank).toArray();
    return tf.sum(tf.math.square(gradient), tf.constant(axes));
  }

  /**
   * Checks that the penalty can be differentiated with respect to the critic's variables, which needs
   * a second-order gradient of every critic op.
   *
   * @throws InvalidConfigException for the {@code constraint} field, naming the op without a gradient
   */
  public static void requireDifferentiable(Ops tf, Operand<TFloat32> penalty, List<Variable<TFloat32>> criticVariables) {
    requireDifferentiable(tf, penalty, criticVariables, "constraint");
  }

  /**
   * Checks that a gradient penalty can be differentiated with respect to the critic's variables.
   *
   * @param field the config field that asked for the penalty
   * @throws InvalidConfigException for that field, naming the op without a gradient
   */
  public static void requireDifferentiable(
      Ops tf, Operand<TFloat32> penalty, List<Variable<TFloat32>> criticVariables, String field) {
    try {
      tf.gradients(penalty, criticVariables);
    } catch (RuntimeException e) {
      throw notDifferentiable(field, e);
    }
  }

  private static InvalidConfigException notDifferentiable(String field, RuntimeException cause) {
    String penalty = field.equals("constraint") ? "gradient-penalty" : "this penalty";
    String instead = field.equals("constraint") ? "use weight-clipping" : "set it to 0";
    return new InvalidConfigException(
        field,
        penalty + " needs second-order gradients through every op of the critic, but TensorFlow has none for"
            + " one of them (" + firstLine(cause.getMessage()) + "); " + instead + ", or a critic built from"
            + " differentiable ops");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
