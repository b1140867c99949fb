package io.gen4j.spi.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Layers as static functions of a {@link NetworkBuilder}: stateless helpers in the style of
 * tensorflow-framework's initializers. Each layer's variables are named {@code <layer>.<parameter>}
 * within the network.
 */
public final class Layers {

  /** Keras' default for batch norm's epsilon. */
  public static final float BATCH_NORM_EPSILON = 1e-3f;

  private Layers() {}

  /**
   * A fully connected layer {@code x W + b}, W Glorot-uniform (spectrally normalized in a network that
   * {@linkplain NetworkBuilder#normalizeKernelsSpectrally() normalizes its kernels}, as are the kernels of
   * the convolutions below), b zero.
   *
   * @param input shape {@code [batch, inputUnits]}
   */
  public static Operand<TFloat32> dense(
      NetworkBuilder network, String layer, Operand<TFloat32> input, int inputUnits, int units) {
    Ops tf = network.tf();
    Operand<TFloat32> kernel =
        network.kernel(layer + ".kernel", () -> glorotUniform(network, layer + ".kernel", inputUnits, units));
    Variable<TFloat32> bias = network.variable(layer + ".bias", () -> zeros(tf, units));
    return tf.math.add(tf.linalg.matMul(input, kernel), bias);
  }

  /**
   * A 2-D convolution with "same" padding plus a bias; kernel Glorot-uniform {@code [k, k, in, out]}.
   *
   * @param input shape {@code [batch, height, width, inputChannels]}
   */
  public static Operand<TFloat32> conv2d(
      NetworkBuilder network, String layer, Operand<TFloat32> input, int inputChannels, int filters,
      int kernelSize, int stride) {
    Ops tf = network.tf();
    Operand<TFloat32> kernel = network.kernel(
        layer + ".kernel", () -> glorotUniform(network, layer + ".kernel", kernelSize, kernelSize, inputChannels, filters));
    Variable<TFloat32> bias = network.variable(layer + ".bias", () -> zeros(tf, filters));
    Operand<TFloat32> convolved = tf.nn.conv2d(input, kernel, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    return tf.nn.biasAdd(convolved, bias);
  }

  /**
   * A transposed 2-D convolution ("deconvolution") with "same" padding plus a bias: the output is
   * {@code stride} times the input's height and width. Kernel Glorot-uniform {@code [k, k, out, in]}.
   * Works for any batch size, so one network serves training and sampling.
   *
   * @param input shape {@code [batch, height, width, inputChannels]} with static height and width
   */
  public static Operand<TFloat32> conv2dTranspose(
      NetworkBuilder network, String layer, Operand<TFloat32> input, int inputChannels, int filters,
      int kernelSize, int stride) {
    Ops tf = network.tf();
    Operand<TFloat32> kernel = network.kernel(
        layer + ".kernel", () -> glorotUniform(network, layer + ".kernel", kernelSize, kernelSize, filters, inputChannels));
    Variable<TFloat32> bias = network.variable(layer + ".bias", () -> zeros(tf, filters));
    long height = input.shape().size(1) * stride;
    long width = input.shape().size(2) * stride;
    Operand<TInt32> batch = tf.slice(tf.shape(input), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outputShape = tf.concat(
        List.of(batch, tf.constant(new int[] {(int) height, (int) width, filters})), tf.constant(0));
    Operand<TFloat32> convolved = tf.nn.conv2dBackpropInput(
        outputShape, kernel, input, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    // A reshape (unlike EnsureShape, which has no gradient) restores the static shape later layers need.
    return tf.nn.biasAdd(tf.reshape(convolved, tf.constant(new long[] {-1, height, width, filters})), bias);
  }

  /**
   * Inverted dropout: in training mode each value is zeroed with probability {@code rate} and the rest
   * scaled by 1 / (1 - rate), with the mask drawn from {@code noise} (so it follows the run's noise
   * stream); in inference mode the input passes through unchanged.
   *
   * @param input a tensor with a fully static shape in training mode
   */
  public static Operand<TFloat32> dropout(
      Ops tf, Operand<TFloat32> input, float rate, io.gen4j.spi.Noise noise, Mode mode) {
    if (mode == Mode.INFERENCE || rate == 0f) {
      return input;
    }
    Operand<TFloat32> uniform = noise.uniform(input.shape().asArray());
    Operand<TFloat32> keep = tf.dtypes.cast(
        tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(input, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }

  /**
   * Nearest-neighbour upsampling by 2: each pixel becomes a 2x2 block. Built from concatenations and
   * reshapes, whose gradients exist to any order.
   *
   * @param x shape {@code [batch, height, width, channels]}, height, width and channels static
   */
  public static Operand<TFloat32> upsample2x(Ops tf, Operand<TFloat32> x) {
    long height = x.shape().size(1);
    long width = x.shape().size(2);
    long channels = x.shape().size(3);
    Operand<TFloat32> wider = reshape(tf, tf.concat(List.of(x, x), tf.constant(3)), -1, height, 2 * width, channels);
    return reshape(tf, tf.concat(List.of(wider, wider), tf.constant(2)), -1, 2 * height, 2 * width, channels);
  }

  /**
   * 2x2 average pooling with stride 2: the image viewed as {@code [batch, height / 2, 2, width / 2, 2,
   * channels]}, its two rows of each block unstacked and added, then its two columns, times 1/4. Unstack
   * and stack are each other's gradients, so this is differentiable to any order (TensorFlow's {@code
   * AvgPool} has no second-order gradient, which penalties on a discriminator's input gradient need). On
   * a 2-core CPU it ran 4 to 12 times faster, forward, backward and to second order, than a mean over the
   * block axes of that view, which had taken a third of a 28x28 {@code resgan} step.
   *
   * @param x shape {@code [batch, height, width, channels]}, even height and width, all static
   */
  public static Operand<TFloat32> averagePool2x(Ops tf, Operand<TFloat32> x) {
    long height = x.shape().size(1);
    long width = x.shape().size(2);
    long channels = x.shape().size(3);
    if (height % 2 != 0 || width % 2 != 0) {
      throw new IllegalArgumentException("2x2 pooling needs even sides, got " + x.shape());
    }
    Operand<TFloat32> blocks = reshape(tf, x, -1, height / 2, 2, width / 2, 2, channels);
    List<Output<TFloat32>> rows = tf.unstack(blocks, 2L, Unstack.axis(2L)).output();
    // [batch, height / 2, width / 2, 2, channels]: each block's two columns, summed over its rows
    Operand<TFloat32> columnSums = tf.math.add(rows.get(0), rows.get(1));
    List<Output<TFloat32>> columns = tf.unstack(columnSums, 2L, Unstack.axis(3L)).output();
    return tf.math.mul(tf.math.add(columns.get(0), columns.get(1)), tf.constant(0.25f));
  }

  /**
   * ReLU as {@code x · 1[x > 0]}, the mask held constant: the same values (−0 for negative inputs) and
   * gradient as {@code tf.nn.relu}, but differentiable twice (TensorFlow's C++ registry has no gradient for {@code ReluGrad}),
   * so a discriminator under a gradient penalty or R1 can use it.
   */
  public static Operand<TFloat32> relu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> positive = tf.stopGradient(tf.dtypes.cast(tf.math.greater(x, tf.constant(0f)), TFloat32.class));
    return tf.math.mul(x, positive);
  }

  /** max(x, alpha * x). */
  public static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x, float alpha) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha(alpha));
  }

  /**
   * Batch normalization over every axis but the last (features), with learned scale and offset.
   * Training mode normalizes with the batch's statistics and records the moving-average updates on the
   * network ({@code moving = momentum * moving + (1 - momentum) * batch}, with the batch's own, biased,
   * variance); inference mode uses the moving averages. In training, rank-2 {@code [batch, features]}
   * and rank-4 NHWC inputs go through TensorFlow's fused batch-norm kernel (a rank-2 input viewed as
   * {@code [batch, 1, 1, features]}): one op forward and one backward instead of a dozen moment,
   * broadcast and element-wise ops.
   *
   * @param features size of the last axis
   * @param momentum weight of the old moving average, in [0, 1), e.g. 0.8 or 0.99
   */
  public static Operand<TFloat32> batchNorm(
      NetworkBuilder network, String layer, Operand<TFloat32> x, int features, float momentum, Mode mode) {
    requireNonNull(mode, "mode is null");
    Ops tf = network.tf();
    Variable<TFloat32> gamma = network.variable(layer + ".gamma", () -> ones(tf, features));
    Variable<TFloat32> beta = network.variable(layer + ".beta", () -> zeros(tf, features));
    Variable<TFloat32> movingMean = network.stateVariable(layer + ".moving_mean", () -> zeros(tf, features));
    Variable<TFloat32> movingVariance =
        network.stateVariable(layer + ".moving_variance", () -> ones(tf, features));
    Operand<TFloat32> epsilon = tf.constant(BATCH_NORM_EPSILON);
    if (mode == Mode.INFERENCE) {
      Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(movingVariance, epsilon)), gamma);
      return tf.math.add(tf.math.mul(tf.math.sub(x, movingMean), scale), beta);
    }
    int rank = x.shape().numDimensions();
    if ((rank == 2 || rank == 4) && !x.shape().hasUnknownDimension()) {
      return fusedBatchNorm(network, x, gamma, beta, movingMean, movingVariance, momentum);
    }
    Operand<TInt32> axes = tf.constant(IntStream.range(0, rank - 1).toArray());
    Operand<TFloat32> mean = tf.math.mean(x, axes);
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), axes);
    Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, epsilon)), gamma);
    recordMovingAverages(network, movingMean, movingVariance, mean, variance, momentum);
    return tf.math.add(tf.math.mul(centered, scale), beta);
  }

  /**
   * Training-mode batch normalization through {@code FusedBatchNormV3}, for a rank-2 or rank-4 input
   * with a static shape.
   */
  private static Operand<TFloat32> fusedBatchNorm(
      NetworkBuilder network, Operand<TFloat32> x, Variable<TFloat32> gamma, Variable<TFloat32> beta,
      Variable<TFloat32> movingMean, Variable<TFloat32> movingVariance, float momentum) {
    Ops tf = network.tf();
    Shape shape = x.shape();
    boolean flat = shape.numDimensions() == 2;
    Operand<TFloat32> input = flat ? reshape(tf, x, -1, 1, 1, shape.size(1)) : x;
    // In training the op computes the batch's mean and variance itself; these inputs are not read.
    Operand<TFloat32> unused = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> normalized = tf.nn.fusedBatchNorm(input, gamma, beta, unused, unused,
        FusedBatchNorm.epsilon(BATCH_NORM_EPSILON), FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
    long count = flat ? shape.size(0) : shape.size(0) * shape.size(1) * shape.size(2);
    // The op reports the variance times n / (n - 1) (Bessel's correction); the moving average keeps the
    // batch's own variance, as the normalization uses it.
    Operand<TFloat32> variance = tf.math.mul(normalized.batchVariance(),
        tf.constant((float) Math.max(count - 1, 1) / count));
    recordMovingAverages(network, movingMean, movingVariance, normalized.batchMean(), variance, momentum);
    return flat ? reshape(tf, normalized.y(), -1, shape.size(1)) : normalized.y();
  }

  /** Records {@code moving = momentum * moving + (1 - momentum) * batch} for the mean and the variance. */
  private static void recordMovingAverages(
      NetworkBuilder network, Variable<TFloat32> movingMean, Variable<TFloat32> movingVariance,
      Operand<TFloat32> mean, Operand<TFloat32> variance, float momentum) {
    Ops tf = network.tf();
    Operand<TFloat32> keep = tf.constant(momentum);
    Operand<TFloat32> take = tf.constant(1f - momentum);
    network.addUpdate(
        tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(mean, take))));
    network.addUpdate(
        tf.assign(movingVariance, tf.math.add(tf.math.mul(movingVariance, keep), tf.math.mul(variance, take))));
  }

  /** Reshapes to the given shape; -1 stands for the batch axis. */
  public static Operand<TFloat32> reshape(Ops tf, Operand<TFloat32> x, long... shape) {
    return tf.reshape(x, tf.constant(shape));
  }

  /** Flattens {@code [batch, ...]} to {@code [batch, size]}. */
  public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x, int size) {
    return reshape(tf, x, -1, size);
  }

  /**
   * Glorot (Xavier) uniform values, in [-limit, limit] with limit = sqrt(6 / (fanIn + fanOut)), seeded
   * from the variable's name. For a dense kernel {@code [in, out]} the fans are in and out; for a
   * convolution kernel {@code [h, w, in, out]} they are h*w*in and h*w*out. (tensorflow-framework
   * 1.0.0's {@code Glorot} with a uniform distribution draws from [0, limit] only, so it is not used.)
   */
  public static Operand<TFloat32> glorotUniform(NetworkBuilder network, String localName, long... shape) {
    long receptiveField = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptiveField *= shape[i];
    }
    long fanIn = shape.length >= 2 ? shape[shape.length - 2] * receptiveField : shape[0];
    long fanOut = shape.length >= 2 ? shape[shape.length - 1] * receptiveField : shape[0];
    float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
    Ops tf = network.tf();
    long seed = network.seedFor(localName);
    Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), tf.constant(new long[] {seed, 0}));
    return tf.math.sub(tf.math.mul(unit, tf.constant(2 * limit)), tf.constant(limit));
  }

  /** A float vector of zeros. */
  public static Operand<TFloat32> zeros(Ops tf, int size) {
    return tf.fill(tf.constant(new int[] {size}), tf.constant(0f));
  }

  /** A float vector of ones. */
  public static Operand<TFloat32> ones(Ops tf, int size) {
    return tf.fill(tf.constant(new int[] {size}), tf.constant(1f));
  }
}
