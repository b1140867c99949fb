package io.gen4j.models.gan;

import static java.util.Objects.requireNonNull;

import io.gen4j.graph.Layers;
import io.gen4j.graph.Mode;
import io.gen4j.graph.NetworkBuilder;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.TrainerSettings;
import io.gen4j.train.adversarial.AdversarialTrainerProvider;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The MLP GAN. G: z -> [Dense -> LeakyReLU -> BatchNorm] per hidden width -> Dense tanh -> image. D:
 * image -> [Dense -> LeakyReLU] per hidden width -> Dense 1 (a logit). The noise z is drawn in the
 * graph.
 */
final class GanModel implements GenerativeModel {

  private final GanConfig config;

  GanModel(GanConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public String trainer() {
    return "adversarial";
  }

  @Override
  public TrainerSettings trainerSettings() {
    return new TrainerSettings(config.discriminatorSteps());
  }

  @Override
  public PixelRange pixelRange() {
    return PixelRange.SYMMETRIC;
  }

  @Override
  public int latentSize() {
    return config.latentSize();
  }

  @Override
  public ModelGraph build(GraphContext context) {
    Ops tf = context.tf();
    ImageShape shape = context.imageShape();
    NetworkBuilder generator = context.network(AdversarialTrainerProvider.GENERATOR);
    NetworkBuilder discriminator = context.network(AdversarialTrainerProvider.DISCRIMINATOR);

    Operand<TFloat32> z = context.noise().normal(context.batchSize(), config.latentSize());
    Operand<TFloat32> fake = generate(generator, z, shape, Mode.TRAINING);
    Operand<TFloat32> realLogits = discriminate(discriminator, context.realImages(), shape);
    Operand<TFloat32> fakeLogits = discriminate(discriminator, fake, shape);

    Operand<TFloat32> discriminatorLoss = config.loss().discriminator(tf, realLogits, fakeLogits);
    Operand<TFloat32> generatorLoss = config.loss().generator(tf, fakeLogits);
    Objective discriminatorObjective =
        Objective.of(AdversarialTrainerProvider.DISCRIMINATOR, discriminator.network(), discriminatorLoss, true)
            .withMetrics(Map.of(
                "d_loss", discriminatorLoss,
                "d_real", meanProbability(tf, realLogits),
                "d_fake", meanProbability(tf, fakeLogits)));
    Objective generatorObjective =
        Objective.of(AdversarialTrainerProvider.GENERATOR, generator.network(), generatorLoss, false)
            .withMetrics(Map.of("g_loss", generatorLoss))
            .withSideUpdates(generator.updates());

    Placeholder<TFloat32> latent =
        tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.latentSize())));
    Operand<TFloat32> samples = generate(generator, latent, shape, Mode.INFERENCE);
    return new ModelGraph(List.of(discriminatorObjective, generatorObjective), latent, samples);
  }

  private Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape, Mode mode) {
    Ops tf = network.tf();
    Operand<TFloat32> x = z;
    int width = config.latentSize();
    List<Integer> layers = config.generatorLayers();
    for (int i = 0; i < layers.size(); i++) {
      String layer = "dense" + (i + 1);
      x = Layers.dense(network, layer, x, width, layers.get(i));
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

  private static Operand<TFloat32> meanProbability(Ops tf, Operand<TFloat32> logits) {
    return tf.math.mean(tf.reshape(tf.math.sigmoid(logits), tf.constant(new int[] {-1})), tf.constant(0));
  }
}
