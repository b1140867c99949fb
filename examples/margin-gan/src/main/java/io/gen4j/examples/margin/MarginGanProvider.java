package io.gen4j.examples.margin;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/** {@code margin-gan}: an MLP GAN trained with a hinge loss of configurable margin. */
public final class MarginGanProvider implements ModelProvider<MarginGanConfig> {

  /** Adam 2e-4, beta1 0.5, for both networks. */
  public static final OptimizerConfig.Adam ADAM = new OptimizerConfig.Adam(2e-4f, 0.5f, 0.999f, 1e-7f);

  @Override
  public String name() {
    return "margin-gan";
  }

  @Override
  public String description() {
    return "MLP GAN with a hinge loss of configurable margin (example plugin)";
  }

  @Override
  public Class<MarginGanConfig> configClass() {
    return MarginGanConfig.class;
  }

  @Override
  public MarginGanConfig defaultConfig() {
    return MarginGanConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(MarginGanConfig config) {
    return Map.of(AdversarialGraph.GENERATOR, ADAM, AdversarialGraph.DISCRIMINATOR, ADAM);
  }

  @Override
  public GenerativeModel create(MarginGanConfig config) {
    return new MarginGanModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
