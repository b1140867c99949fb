package io.gen4j.models.dcgan;

import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Noise;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DCGAN. G: z -> Dense (start size x f0) -> BN -> ReLU -> [transposed conv to f_i -> BN -> ReLU] per
 * further width -> transposed conv stride 2 to C -> tanh. D: [conv stride 2 -> LeakyReLU -> dropout] per
 * width -> dense 1. The widths, the start size and the stride of the first stage come from the config
 * and the image shape ({@link DcganArchitecture}). Dropout draws its masks from the run's noise stream in
 * training, and is off when sampling.
 */
final class DcganModel extends AdversarialModel {

  private final DcganConfig config;

  DcganModel(DcganConfig config) {
    super(config.adversarial());
    this.config = config;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    DcganArchitecture architecture = DcganArchitecture.of(config, shape);
    Noise noise = context.noise();
    return AdversarialGraph.build(
        context,
        settings(),
        config.latentSize(),
        (network, latent, mode) -> generate(network, latent, architecture, shape, mode),
        (network, images, mode) -> discriminate(network, images, architecture, shape, noise, mode));
  }

  private Operand<TFloat32> generate(
      NetworkBuilder network, Operand<TFloat32> z, DcganArchitecture architecture, ImageShape shape, Mode mode) {
    Ops tf = network.tf();
    List<Integer> filters = architecture.generatorFilters();
    int height = architecture.startHeight();
    int width = architecture.startWidth();
    int channels = filters.get(0);
    Operand<TFloat32> x = Layers.dense(network, "project", z, config.latentSize(), height * width * channels);
    x = Layers.batchNorm(network, "project_bn", x, height * width * channels, config.batchNormMomentum(), mode);
    x = Layers.reshape(tf, tf.nn.relu(x), -1, height, width, channels);
    for (int i = 1; i < filters.size(); i++) {
      String layer = "deconv" + i;
      int stride = i == 1 ? architecture.firstStageStride() : 2;
      x = Layers.conv2dTranspose(network, layer, x, channels, filters.get(i), config.kernelSize(), stride);
      x = tf.nn.relu(Layers.batchNorm(network, layer + "_bn", x, filters.get(i), config.batchNormMomentum(), mode));
      channels = filters.get(i);
    }
    Operand<TFloat32> images =
        Layers.conv2dTranspose(network, "output", x, channels, shape.channels(), config.kernelSize(), 2);
    return tf.math.tanh(images);
  }

  private Operand<TFloat32> discriminate(
      NetworkBuilder network, Operand<TFloat32> images, DcganArchitecture architecture, ImageShape shape,
      Noise noise, Mode mode) {
    Ops tf = network.tf();
    Operand<TFloat32> x = images;
    int channels = shape.channels();
    int height = shape.height();
    int width = shape.width();
    List<Integer> filters = architecture.discriminatorFilters();
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
