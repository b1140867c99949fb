package io.gen4j.models.gan;

import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The MLP GAN. G: z -> [Dense -> LeakyReLU -> BatchNorm] per hidden width -> Dense tanh -> image. D
 * (critic): image -> [Dense -> LeakyReLU] per hidden width -> Dense 1, a raw score (no sigmoid, no batch
 * norm). Loss, constraint and weight averaging come from {@link AdversarialGraph}.
 */
final class GanModel extends AdversarialModel {

  private final GanConfig config;

  GanModel(GanConfig config) {
    super(config.adversarial());
    this.config = config;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    return AdversarialGraph.build(
        context,
        settings(),
        config.latentSize(),
        (network, latent, mode) -> generate(network, latent, shape, mode),
        (network, images, mode) -> discriminate(network, images, shape));
  }

  private Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape, Mode mode) {
    Ops tf = network.tf();
    Operand<TFloat32> x = z;
    int width = config.latentSize();
    List<Integer> layers = config.generatorLayers();
    for (int i = 0; i < layers.size(); i++) {
      x = Layers.dense(network, "dense" + (i + 1), x, width, layers.get(i));
      x = Layers.leakyRelu(tf, x, config.leakySlope());
      x = Layers.batchNorm(network, "bn" + (i + 1), x, layers.get(i), config.batchNormMomentum(), mode);
      width = layers.get(i);
    }
    x = tf.math.tanh(Layers.dense(network, "output", x, width, shape.size()));
    return Layers.reshape(tf, x, -1, shape.height(), shape.width(), shape.channels());
  }

  private Operand<TFloat32> discriminate(NetworkBuilder network, Operand<TFloat32> images, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> x = Layers.flatten(tf, images, shape.size());
    int width = shape.size();
    List<Integer> layers = config.discriminatorLayers();
    for (int i = 0; i < layers.size(); i++) {
      x = Layers.leakyRelu(tf, Layers.dense(network, "dense" + (i + 1), x, width, layers.get(i)), config.leakySlope());
      width = layers.get(i);
    }
    return Layers.dense(network, "output", x, width, 1);
  }
}
