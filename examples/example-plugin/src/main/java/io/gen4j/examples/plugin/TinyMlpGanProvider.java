package io.gen4j.examples.plugin;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/** {@code tiny-mlp-gan}: found by {@link java.util.ServiceLoader} through this module's services file. */
public final class TinyMlpGanProvider implements ModelProvider<TinyMlpGanConfig> {

  private static final OptimizerConfig.Adam ADAM = new OptimizerConfig.Adam(2e-4f, 0.5f, 0.999f, 1e-7f);

  @Override
  public String name() {
    return "tiny-mlp-gan";
  }

  @Override
  public String description() {
    return "example plugin: a GAN with one hidden layer per network, built against gen4j-core alone";
  }

  @Override
  public Class<TinyMlpGanConfig> configClass() {
    return TinyMlpGanConfig.class;
  }

  @Override
  public TinyMlpGanConfig defaultConfig() {
    return TinyMlpGanConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(TinyMlpGanConfig config) {
    return Map.of(AdversarialGraph.GENERATOR, ADAM, AdversarialGraph.DISCRIMINATOR, ADAM);
  }

  @Override
  public GenerativeModel create(TinyMlpGanConfig config) {
    return new TinyMlpGanModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
