package io.gen4j.models.resgan;

import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The residual GAN of SN-GAN (Miyato et al. 2018, appendix) and compare_gan. G: z -> dense to a start
 * block -> one up block per doubling (BN, ReLU, nearest upsampling, conv 3x3, BN, ReLU, conv 3x3; shortcut:
 * the upsampled input, every block having the same channels) -> BN -> ReLU -> conv 3x3 to the image's
 * channels -> tanh. D, without batch norm: an optimized first block (conv 3x3, ReLU, conv 3x3, 2x2 average
 * pooling; shortcut: pooling, conv 1x1), down blocks (ReLU, conv 3x3, ReLU, conv 3x3, pooling; shortcut:
 * pooling, conv 1x1, the same values as SN-GAN's conv then pooling at a quarter of the cost),
 * {@code discriminatorPlainBlocks} blocks that keep the size (ReLU, conv 3x3, ReLU, conv 3x3, plus
 * the input), ReLU, a sum over the pixels and a dense score; its ReLUs are
 * {@link Layers#relu}, differentiable twice for the gradient penalty and R1. Depths come from the image size
 * ({@link ResGanArchitecture}).
 */
final class ResGanModel extends AdversarialModel {

  private static final int KERNEL = 3;

  /** The generator's batch-norm momentum (Keras' and compare_gan's 0.99 reach the moving averages slowly). */
  private static final float BATCH_NORM_MOMENTUM = 0.9f;

  private final ResGanConfig config;

  ResGanModel(ResGanConfig config) {
    super(config.adversarial());
    this.config = config;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    ResGanArchitecture architecture = ResGanArchitecture.of(shape);
    return AdversarialGraph.build(
        context,
        settings(),
        config.latentSize(),
        (network, latent, mode) -> generate(network, latent, architecture, shape, mode),
        (network, images, mode) -> discriminate(network, images, architecture, shape));
  }

  private Operand<TFloat32> generate(
      NetworkBuilder network, Operand<TFloat32> z, ResGanArchitecture architecture, ImageShape shape, Mode mode) {
    Ops tf = network.tf();
    int channels = config.generatorChannels();
    int start = architecture.startHeight() * architecture.startWidth() * channels;
    Operand<TFloat32> x = Layers.dense(network, "project", z, config.latentSize(), start);
    x = Layers.reshape(tf, x, -1, architecture.startHeight(), architecture.startWidth(), channels);
    for (int block = 1; block <= architecture.upsamplings(); block++) {
      x = upBlock(network, "up" + block, x, channels, mode);
    }
    x = tf.nn.relu(Layers.batchNorm(network, "output_bn", x, channels, BATCH_NORM_MOMENTUM, mode));
    return tf.math.tanh(Layers.conv2d(network, "output", x, channels, shape.channels(), KERNEL, 1));
  }

  private Operand<TFloat32> upBlock(NetworkBuilder network, String name, Operand<TFloat32> x, int channels, Mode mode) {
    Ops tf = network.tf();
    Operand<TFloat32> h = tf.nn.relu(Layers.batchNorm(network, name + ".bn1", x, channels, BATCH_NORM_MOMENTUM, mode));
    h = Layers.conv2d(network, name + ".conv1", Layers.upsample2x(tf, h), channels, channels, KERNEL, 1);
    h = tf.nn.relu(Layers.batchNorm(network, name + ".bn2", h, channels, BATCH_NORM_MOMENTUM, mode));
    h = Layers.conv2d(network, name + ".conv2", h, channels, channels, KERNEL, 1);
    return tf.math.add(h, Layers.upsample2x(tf, x));
  }

  private Operand<TFloat32> discriminate(
      NetworkBuilder network, Operand<TFloat32> images, ResGanArchitecture architecture, ImageShape shape) {
    Ops tf = network.tf();
    int channels = config.discriminatorChannels();
    // The optimized first block: no activation before its first convolution.
    Operand<TFloat32> h = Layers.conv2d(network, "block1.conv1", images, shape.channels(), channels, KERNEL, 1);
    h = Layers.conv2d(network, "block1.conv2", Layers.relu(tf, h), channels, channels, KERNEL, 1);
    Operand<TFloat32> shortcut =
        Layers.conv2d(network, "block1.shortcut", Layers.averagePool2x(tf, images), shape.channels(), channels, 1, 1);
    Operand<TFloat32> x = tf.math.add(Layers.averagePool2x(tf, h), shortcut);
    for (int block = 2; block <= architecture.downsamplings(); block++) {
      x = residual(network, "block" + block, x, channels, true);
    }
    for (int block = 1; block <= config.discriminatorPlainBlocks(); block++) {
      x = residual(network, "block" + (architecture.downsamplings() + block), x, channels, false);
    }
    Operand<TFloat32> pooled = tf.sum(Layers.relu(tf, x), tf.constant(new int[] {1, 2}));
    return Layers.dense(network, "output", pooled, channels, 1);
  }

  private static Operand<TFloat32> residual(
      NetworkBuilder network, String name, Operand<TFloat32> x, int channels, boolean downsample) {
    Ops tf = network.tf();
    Operand<TFloat32> h = Layers.conv2d(network, name + ".conv1", Layers.relu(tf, x), channels, channels, KERNEL, 1);
    h = Layers.conv2d(network, name + ".conv2", Layers.relu(tf, h), channels, channels, KERNEL, 1);
    if (!downsample) {
      return tf.math.add(h, x);
    }
    // SN-GAN's shortcut is a conv 1x1, then pooling; both are linear and act on different axes, so pooling
    // first gives the same values at a quarter of the convolution's cost.
    Operand<TFloat32> shortcut =
        Layers.conv2d(network, name + ".shortcut", Layers.averagePool2x(tf, x), channels, channels, 1, 1);
    return tf.math.add(Layers.averagePool2x(tf, h), shortcut);
  }
}
