package io.gen4j.models.dcgan;

import io.gen4j.graph.Layers;
import io.gen4j.graph.Mode;
import io.gen4j.graph.NetworkBuilder;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Noise;
import io.gen4j.train.adversarial.AdversarialGraph;
import io.gen4j.train.adversarial.AdversarialModel;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DCGAN. G: z -> Dense (H/4 x W/4 x f0) -> BN -> ReLU -> transposed conv stride 1 to f1 -> BN -> ReLU
 * -> transposed conv stride 2 to f2 -> BN -> ReLU -> transposed conv stride 2 to C -> tanh (with two
 * widths, the stride-1 stage is dropped). D: [conv stride 2 -> LeakyReLU -> dropout] per width -> dense 1.
 * Image size and channels come from the dataset (height and width divisible by 4). Dropout draws its
 * masks from the run's noise stream in training, and is off when sampling.
 */
final class DcganModel extends AdversarialModel {

  private final DcganConfig config;

  DcganModel(DcganConfig config) {
    super(config.latentSize(), config.adversarial());
    this.config = config;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
      throw new InvalidConfigException(
          "type", "dcgan needs image height and width divisible by 4 (two stride-2 upsamplings), got " + shape);
    }
    Noise noise = context.noise();
    return AdversarialGraph.build(
        context,
        settings(),
        config.latentSize(),
        (network, latent, mode) -> generate(network, latent, shape, mode),
        (network, images, mode) -> discriminate(network, images, shape, noise, mode));
  }

  private Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape, Mode mode) {
    Ops tf = network.tf();
    List<Integer> filters = config.generatorFilters();
    int height = shape.height() / 4;
    int width = shape.width() / 4;
    int channels = filters.get(0);
    Operand<TFloat32> x = Layers.dense(network, "project", z, config.latentSize(), height * width * channels);
    x = Layers.batchNorm(network, "project_bn", x, height * width * channels, config.batchNormMomentum(), mode);
    x = Layers.reshape(tf, tf.nn.relu(x), -1, height, width, channels);
    // Three widths: a stride-1 stage, then a stride-2 one; two widths: one stride-2 stage. The output
    // layer upsamples by 2 again, so the image is always four times the projection's size.
    for (int i = 1; i < filters.size(); i++) {
      String layer = "deconv" + i;
      int stride = filters.size() == 3 && i == 1 ? 1 : 2;
      x = Layers.conv2dTranspose(network, layer, x, channels, filters.get(i), config.kernelSize(), stride);
      x = tf.nn.relu(Layers.batchNorm(network, layer + "_bn", x, filters.get(i), config.batchNormMomentum(), mode));
      channels = filters.get(i);
    }
    Operand<TFloat32> images = Layers.conv2dTranspose(network, "output", x, channels, shape.channels(), config.kernelSize(), 2);
    return tf.math.tanh(images);
  }

  private Operand<TFloat32> discriminate(
      NetworkBuilder network, Operand<TFloat32> images, ImageShape shape, Noise noise, Mode mode) {
    Ops tf = network.tf();
    Operand<TFloat32> x = images;
    int channels = shape.channels();
    int height = shape.height();
    int width = shape.width();
    List<Integer> filters = config.discriminatorFilters();
    for (int i = 0; i < filters.size(); i++) {
      x = Layers.conv2d(network, "conv" + (i + 1), x, channels, filters.get(i), config.kernelSize(), 2);
      channels = filters.get(i);
      height = (height + 1) / 2;
      width = (width + 1) / 2;
      // LeakyReLU (and dropout) on the flattened activations: fed straight from the convolution, TensorFlow
      // 2.18's oneDNN remapper fuses the LeakyReLU into it and drops the tensor LeakyReluGrad reads ("remapper
      // failed: ... LeakyReluGrad"), which undoes every fusion of the graph. The same values, element for element.
      Operand<TFloat32> flat = Layers.flatten(tf, x, height * width * channels);
      flat = Layers.dropout(tf, Layers.leakyRelu(tf, flat, config.leakySlope()), config.dropout(), noise, mode);
      x = Layers.reshape(tf, flat, -1, height, width, channels);
    }
    int features = height * width * channels;
    return Layers.dense(network, "output", Layers.flatten(tf, x, features), features, 1);
  }
}
