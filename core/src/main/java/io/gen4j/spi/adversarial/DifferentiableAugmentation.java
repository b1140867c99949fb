package io.gen4j.spi.adversarial;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.Noise;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * DiffAugment (Zhao et al. 2020) in the graph: the augmentations of an {@link AugmentConfig} applied to a
 * batch of NHWC images in [-1, 1], each to each image with probability p, differentiable (to second
 * order, for R1 and the gradient penalty) with respect to the images. Built once per graph; every {@link
 * #apply} draws fresh randomness from the run's {@link Noise}, so real and generated batches are augmented
 * independently and a resumed run draws what an uninterrupted one would.
 *
 * <p>With ADA (Karras et al. 2020) p is the state variable {@code augment.probability} of the
 * discriminator's network (checkpointed), moved by {@link #adaptation}; otherwise it is a constant.
 */
public final class DifferentiableAugmentation {

  /** DiffAugment's translation: up to this fraction of the side. */
  static final double TRANSLATION_RATIO = 0.125;

  /** DiffAugment's cutout: a square of this fraction of the side. */
  static final double CUTOUT_RATIO = 0.5;

  private final Ops tf;
  private final Noise noise;
  private final AugmentConfig config;
  private final Operand<TFloat32> probability;
  private final Optional<Variable<TFloat32>> adaptiveProbability;

  private DifferentiableAugmentation(
      Ops tf, Noise noise, AugmentConfig config, Operand<TFloat32> probability,
      Optional<Variable<TFloat32>> adaptiveProbability) {
    this.tf = tf;
    this.noise = noise;
    this.config = config;
    this.probability = probability;
    this.adaptiveProbability = adaptiveProbability;
  }

  /**
   * The augmentation of one graph.
   *
   * @param discriminator the network that keeps an adaptive probability
   * @param noise the run's noise
   */
  public static DifferentiableAugmentation of(NetworkBuilder discriminator, Noise noise, AugmentConfig config) {
    requireNonNull(config, "config is null");
    Ops tf = discriminator.tf();
    if (config.adaptive().isPresent()) {
      Variable<TFloat32> probability =
          discriminator.stateVariable("augment.probability", () -> tf.constant(config.probability()));
      return new DifferentiableAugmentation(tf, requireNonNull(noise, "noise is null"), config, probability,
          Optional.of(probability));
    }
    return new DifferentiableAugmentation(tf, requireNonNull(noise, "noise is null"), config,
        tf.constant(config.probability()), Optional.empty());
  }

  /** The probability p that each augmentation applies to an image: a constant, or ADA's variable. */
  public Operand<TFloat32> probability() {
    return probability;
  }

  /** Whether p adapts (ADA); then {@link #adaptation} gives its update. */
  public boolean adaptive() {
    return adaptiveProbability.isPresent();
  }

  /**
   * The images, augmented: each augmentation of the policy in turn, applied to each image with
   * probability p (image-wise {@code m · aug(x) + (1 − m) · x}, m ∈ {0, 1}, so p = 0 returns the images
   * unchanged, bit for bit).
   *
   * @param images {@code [batch, height, width, channels]} with a static shape
   */
  public Operand<TFloat32> apply(Operand<TFloat32> images) {
    long[] shape = images.shape().asArray();
    if (shape.length != 4 || images.shape().hasUnknownDimension()) {
      throw new IllegalArgumentException("augmentation needs NHWC images of a static shape, got " + images.shape());
    }
    Operand<TFloat32> x = images;
    for (Augmentation augmentation : config.policy()) {
      Operand<TFloat32> augmented = switch (augmentation) {
        case COLOR -> color(tf, x, uniform(shape[0]), uniform(shape[0]), uniform(shape[0]));
        case TRANSLATION -> {
          long rows = Math.round(shape[1] * TRANSLATION_RATIO);
          long columns = Math.round(shape[2] * TRANSLATION_RATIO);
          yield translate(tf, x, randomInteger(shape[0], -rows, rows), randomInteger(shape[0], -columns, columns));
        }
        case CUTOUT -> {
          long height = Math.round(shape[1] * CUTOUT_RATIO);
          long width = Math.round(shape[2] * CUTOUT_RATIO);
          // DiffAugment's centres: 0 to side - 1 for an odd cut, to side for an even one, so that the cut
          // reaches as far into the top or left edge as into the bottom or right one.
          yield cutout(tf, x, randomInteger(shape[0], 0, shape[1] - height % 2),
              randomInteger(shape[0], 0, shape[2] - width % 2), height, width);
        }
      };
      Operand<TFloat32> mask = tf.dtypes.cast(tf.math.less(noise.uniform(shape[0], 1, 1, 1), probability), TFloat32.class);
      x = tf.math.add(tf.math.mul(mask, augmented), tf.math.mul(tf.math.sub(tf.constant(1f), mask), x));
    }
    return x;
  }

  /**
   * ADA's update of p after a discriminator update: p ← clip(p + sign(E[sign(D(x))] − target) · batch /
   * images, 0, 1). Built with a control dependency on {@code after}, which must depend on every read of p
   * in the same run (the discriminator's loss), so that p changes only once they have read it.
   *
   * @param realScores the discriminator's scores of the (augmented) real batch
   * @throws IllegalStateException if p does not adapt
   */
  public Op adaptation(Operand<TFloat32> realScores, Operand<?> after) {
    Variable<TFloat32> variable = adaptiveProbability.orElseThrow(
        () -> new IllegalStateException("the augmentation probability is fixed"));
    AugmentConfig.Adaptive adaptive = config.adaptive().orElseThrow();
    long batch = realScores.shape().size(0);
    Ops ordered = tf.withControlDependencies(List.of(after));
    Operand<TFloat32> overfitting = ordered.math.mean(
        ordered.math.sign(ordered.reshape(realScores, ordered.constant(new long[] {-1}))), ordered.constant(0));
    Operand<TFloat32> direction = ordered.math.sign(ordered.math.sub(overfitting, ordered.constant(adaptive.target())));
    Operand<TFloat32> moved = ordered.math.add(variable,
        ordered.math.mul(direction, ordered.constant((float) batch / adaptive.images())));
    return ordered.assign(variable,
        ordered.math.minimum(ordered.math.maximum(moved, ordered.constant(0f)), ordered.constant(1f)));
  }

  /** Whole numbers uniform in [low, high], one per image, as floats of shape [batch, 1, 1, 1]. */
  private Operand<TFloat32> randomInteger(long batch, long low, long high) {
    Operand<TFloat32> scaled = tf.math.mul(noise.uniform(batch, 1, 1, 1), tf.constant((float) (high - low + 1)));
    return tf.math.add(tf.math.floor(scaled), tf.constant((float) low));
  }

  private Operand<TFloat32> uniform(long batch) {
    return noise.uniform(batch, 1, 1, 1);
  }

  /**
   * DiffAugment's colour: brightness, saturation and contrast in turn.
   *
   * @param brightness r per image, shape [batch, 1, 1, 1], uniform in [0, 1); likewise the others
   */
  static Operand<TFloat32> color(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> brightness, Operand<TFloat32> saturation,
      Operand<TFloat32> contrast) {
    Operand<TFloat32> brighter = tf.math.add(x, tf.math.sub(brightness, tf.constant(0.5f)));
    Operand<TFloat32> channelMean = tf.math.mean(brighter, tf.constant(3), org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> saturated = tf.math.add(
        tf.math.mul(tf.math.sub(brighter, channelMean), tf.math.mul(saturation, tf.constant(2f))), channelMean);
    Operand<TFloat32> imageMean =
        tf.math.mean(saturated, tf.constant(new int[] {1, 2, 3}), org.tensorflow.op.math.Mean.keepDims(true));
    return tf.math.add(
        tf.math.mul(tf.math.sub(saturated, imageMean), tf.math.add(contrast, tf.constant(0.5f))), imageMean);
  }

  /**
   * Shifts each image by whole pixels: {@code out[i, j] = x[i + rows, j + columns]}, 0 where that falls
   * outside. Each axis is a batched product with per-image 0/1 shift matrices ({@code S[b, i, k] = 1} where
   * {@code k = i + shift[b]}), so its gradients (of any order) are batched matrix products too.
   *
   * @param rows the shift per image, whole numbers as floats of shape [batch, 1, 1, 1]; likewise columns
   */
  static Operand<TFloat32> translate(Ops tf, Operand<TFloat32> x, Operand<TFloat32> rows, Operand<TFloat32> columns) {
    long[] shape = x.shape().asArray();
    long batch = shape[0];
    long height = shape[1];
    long width = shape[2];
    long channels = shape[3];
    Operand<TFloat32> shiftedRows = BatchMatMul.create(tf.scope(), shiftMatrices(tf, rows, batch, height),
        tf.reshape(x, tf.constant(new long[] {batch, height, width * channels})), TFloat32.class);
    // Columns: [batch, width, height, channels], shifted along axis 1, and back.
    Operand<TFloat32> transposed = tf.linalg.transpose(
        tf.reshape(shiftedRows, tf.constant(shape)), tf.constant(new int[] {0, 2, 1, 3}));
    Operand<TFloat32> shiftedColumns = BatchMatMul.create(tf.scope(), shiftMatrices(tf, columns, batch, width),
        tf.reshape(transposed, tf.constant(new long[] {batch, width, height * channels})), TFloat32.class);
    return tf.linalg.transpose(tf.reshape(shiftedColumns, tf.constant(new long[] {batch, width, height, channels})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** {@code S[b, i, k] = 1} where {@code k = i + shift[b]}, else 0: shape [batch, size, size]. */
  private static Operand<TFloat32> shiftMatrices(Ops tf, Operand<TFloat32> shift, long batch, long size) {
    Operand<TFloat32> index = axisIndex(tf, size, new long[] {size});
    Operand<TFloat32> output = tf.reshape(index, tf.constant(new long[] {1, size, 1}));
    Operand<TFloat32> source = tf.reshape(index, tf.constant(new long[] {1, 1, size}));
    Operand<TFloat32> perImage = tf.reshape(shift, tf.constant(new long[] {batch, 1, 1}));
    return tf.stopGradient(
        tf.dtypes.cast(tf.math.equal(source, tf.math.add(output, perImage)), TFloat32.class));
  }

  /**
   * Zeroes a {@code height x width} rectangle per image, its top-left corner at (centreRow − height / 2,
   * centreColumn − width / 2), cut at the image's edges.
   *
   * @param centreRow whole numbers as floats of shape [batch, 1, 1, 1]; likewise centreColumn
   */
  static Operand<TFloat32> cutout(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> centreRow, Operand<TFloat32> centreColumn, long height,
      long width) {
    long[] shape = x.shape().asArray();
    Operand<TFloat32> rows = inside(tf, axisIndex(tf, shape[1], new long[] {1, shape[1], 1, 1}),
        tf.math.sub(centreRow, tf.constant((float) (height / 2))), height);
    Operand<TFloat32> columns = inside(tf, axisIndex(tf, shape[2], new long[] {1, 1, shape[2], 1}),
        tf.math.sub(centreColumn, tf.constant((float) (width / 2))), width);
    Operand<TFloat32> keep = tf.stopGradient(tf.math.sub(tf.constant(1f), tf.math.mul(rows, columns)));
    return tf.math.mul(x, keep);
  }

  private static Operand<TFloat32> axisIndex(Ops tf, long size, long[] shape) {
    Operand<TFloat32> index = tf.dtypes.cast(tf.range(tf.constant(0), tf.constant((int) size), tf.constant(1)), TFloat32.class);
    return tf.reshape(index, tf.constant(shape));
  }

  /** 1 where start ≤ index < start + length, else 0. */
  private static Operand<TFloat32> inside(Ops tf, Operand<TFloat32> index, Operand<TFloat32> start, long length) {
    Operand<TFloat32> afterStart = tf.dtypes.cast(tf.math.greaterEqual(index, start), TFloat32.class);
    Operand<TFloat32> beforeEnd = tf.dtypes.cast(
        tf.math.less(index, tf.math.add(start, tf.constant((float) length))), TFloat32.class);
    return tf.math.mul(afterStart, beforeEnd);
  }
}
