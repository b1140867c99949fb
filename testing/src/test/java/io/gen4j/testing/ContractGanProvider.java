package io.gen4j.testing;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import io.gen4j.spi.adversarial.AdversarialSettings;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code contract-gan}: a linear GAN registered in this module's test resources, to run the contract on. */
public class ContractGanProvider implements ModelProvider<ContractGanProvider.Config> {

  /**
   * Its config.
   *
   * @param latentSize size of z
   * @param discriminatorSteps critic updates per generator update
   */
  public record Config(
      @JsonPropertyDescription("Noise size.") int latentSize,
      @JsonPropertyDescription("Discriminator updates per generator update.") int discriminatorSteps)
      implements ModelConfig {}

  @Override
  public String name() {
    return "contract-gan";
  }

  @Override
  public String description() {
    return "a linear GAN for the contract test's own tests";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(4, 2);
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(Config config) {
    return Map.of(AdversarialGraph.GENERATOR, OptimizerConfig.Adam.DEFAULT, AdversarialGraph.DISCRIMINATOR,
        OptimizerConfig.Adam.DEFAULT);
  }

  @Override
  public GenerativeModel create(Config config) {
    return new AdversarialModel(
        AdversarialSettings.builder(StandardLoss.HINGE).discriminatorSteps(config.discriminatorSteps()).build()) {
      @Override
      public ModelGraph build(GraphContext context) {
        ImageShape shape = context.imageShape();
        return AdversarialGraph.build(context, settings(), config.latentSize(),
            (network, latent, mode) -> Layers.reshape(network.tf(),
                network.tf().math.tanh(Layers.dense(network, "output", latent, config.latentSize(), shape.size())),
                -1, shape.height(), shape.width(), shape.channels()),
            (network, images, mode) -> score(network, images, shape));
      }
    };
  }

  private static Operand<TFloat32> score(NetworkBuilder network, Operand<TFloat32> images, ImageShape shape) {
    return Layers.dense(network, "output", Layers.flatten(network.tf(), images, shape.size()), shape.size(), 1);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
