package io.gen4j.examples.margin;

import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** G: z -> Dense -> LeakyReLU -> Dense tanh -> image. D: image -> Dense -> LeakyReLU -> Dense 1. */
final class MarginGanModel extends AdversarialModel {

  private final MarginGanConfig config;

  MarginGanModel(MarginGanConfig config) {
    super(config.adversarial());
    this.config = config;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    return AdversarialGraph.build(context, settings(), config.latentSize(),
        (network, latent, mode) -> generate(network, latent, shape),
        (network, images, mode) -> discriminate(network, images, shape));
  }

  private Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> hidden =
        Layers.leakyRelu(tf, Layers.dense(network, "hidden", z, config.latentSize(), config.hiddenWidth()), 0.2f);
    Operand<TFloat32> pixels = tf.math.tanh(Layers.dense(network, "output", hidden, config.hiddenWidth(), shape.size()));
    return Layers.reshape(tf, pixels, -1, shape.height(), shape.width(), shape.channels());
  }

  private Operand<TFloat32> discriminate(NetworkBuilder network, Operand<TFloat32> images, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> pixels = Layers.flatten(tf, images, shape.size());
    Operand<TFloat32> hidden =
        Layers.leakyRelu(tf, Layers.dense(network, "hidden", pixels, shape.size(), config.hiddenWidth()), 0.2f);
    return Layers.dense(network, "output", hidden, config.hiddenWidth(), 1);
  }
}
