package io.gen4j.testing;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.spi.adversarial.AdversarialLoss;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@code tiny-gan}: a GAN with one hidden layer per network, registered only in core's test
 * resources. It shows that a provider outside core's main jar is discovered and selectable, and it
 * exercises the model contract test on core's own helpers.
 */
public final class TinyGanProvider implements ModelProvider<TinyGanProvider.Config> {

  /**
   * The tiny GAN's config.
   *
   * @param latentSize noise size, at least 1; default 8
   * @param hidden width of each network's hidden layer, at least 1; default 16
   * @param nanAtStep the discriminator's loss is NaN from this step on, for divergence tests; -1
   *     (default) never
   */
  public record Config(
      @Min(1) @JsonPropertyDescription("Noise size.") int latentSize,
      @Min(1) @JsonPropertyDescription("Width of each network's hidden layer.") int hidden,
      @JsonPropertyDescription("The discriminator's loss is NaN from this step on, for divergence tests; -1 never.")
      long nanAtStep) implements ModelConfig {
    public Config {
      if (latentSize < 1) {
        throw new InvalidConfigException("latentSize", "must be at least 1, got " + latentSize);
      }
      if (hidden < 1) {
        throw new InvalidConfigException("hidden", "must be at least 1, got " + hidden);
      }
    }
  }

  @Override
  public String name() {
    return "tiny-gan";
  }

  @Override
  public String description() {
    return "a one-hidden-layer GAN for tests";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(8, 16, -1);
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(Config config) {
    OptimizerConfig adam = new OptimizerConfig.Adam(1e-3f, 0.5f, 0.999f, 1e-7f);
    return Map.of("generator", adam, "discriminator", adam);
  }

  @Override
  public GenerativeModel create(Config config) {
    return new GenerativeModel() {
      @Override
      public PixelRange pixelRange() {
        return PixelRange.SYMMETRIC;
      }

      @Override
      public ModelGraph build(GraphContext context) {
        Ops tf = context.tf();
        ImageShape shape = context.imageShape();
        NetworkBuilder generator = context.network("generator");
        NetworkBuilder discriminator = context.network("discriminator");
        Operand<TFloat32> fake = generate(generator, context.noise().normal(context.batchSize(), config.latentSize()), shape, Mode.TRAINING);
        Operand<TFloat32> real = discriminate(discriminator, context.realImages(), shape);
        Operand<TFloat32> fakeLogits = discriminate(discriminator, fake, shape);
        StandardLoss loss = StandardLoss.NON_SATURATING;
        AdversarialLoss.Scores scores = new AdversarialLoss.Scores(real, fakeLogits);
        Operand<TFloat32> discriminatorLoss = loss.discriminator(tf, scores);
        if (config.nanAtStep() >= 0) {
          // 0 * log(nanAtStep - 0.5 - step) is 0 before nanAtStep and NaN (log of a negative) from it on.
          Operand<TFloat32> offset = tf.math.sub(
              tf.constant(config.nanAtStep() - 0.5f), tf.dtypes.cast(context.step(), TFloat32.class));
          discriminatorLoss = tf.math.add(discriminatorLoss, tf.math.mul(tf.constant(0f), tf.math.log(offset)));
        }
        Placeholder<TFloat32> latent =
            tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.latentSize())));
        return new ModelGraph(
            List.of(
                Objective.of("discriminator", discriminator.network(), discriminatorLoss, true),
                Objective.of("generator", generator.network(), loss.generator(tf, scores), false)
                    .withSideUpdates(generator.updates())),
            latent,
            generate(generator, latent, shape, Mode.INFERENCE));
      }

      private Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape, Mode mode) {
        Ops tf = network.tf();
        Operand<TFloat32> hidden = Layers.dense(network, "hidden", z, config.latentSize(), config.hidden());
        hidden = Layers.batchNorm(network, "bn", Layers.leakyRelu(tf, hidden, 0.2f), config.hidden(), 0.8f, mode);
        Operand<TFloat32> out = tf.math.tanh(Layers.dense(network, "output", hidden, config.hidden(), shape.size()));
        return Layers.reshape(tf, out, -1, shape.height(), shape.width(), shape.channels());
      }

      private Operand<TFloat32> discriminate(NetworkBuilder network, Operand<TFloat32> images, ImageShape shape) {
        Ops tf = network.tf();
        Operand<TFloat32> hidden = Layers.leakyRelu(
            tf, Layers.dense(network, "hidden", Layers.flatten(tf, images, shape.size()), shape.size(), config.hidden()), 0.2f);
        return Layers.dense(network, "output", hidden, config.hidden(), 1);
      }
    };
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
