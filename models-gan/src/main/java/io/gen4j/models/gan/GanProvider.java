package io.gen4j.models.gan;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/** {@code gan}: the vanilla MLP GAN of Goodfellow et al., as in the classic MNIST examples. */
public final class GanProvider implements ModelProvider<GanConfig> {

  /** Adam 2e-4, beta1 0.5, for both networks (Radford et al.'s settings, used by the seed projects). */
  public static final OptimizerConfig.Adam DEFAULT_OPTIMIZER = new OptimizerConfig.Adam(2e-4f, 0.5f, 0.999f, 1e-7f);

  @Override
  public String name() {
    return "gan";
  }

  @Override
  public String description() {
    return "vanilla GAN: MLP generator (256-512-1024, batch norm) and MLP discriminator (512-256), non-saturating loss";
  }

  @Override
  public Class<GanConfig> configClass() {
    return GanConfig.class;
  }

  @Override
  public GanConfig defaultConfig() {
    return GanConfig.GAN_DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(GanConfig config) {
    return Map.of(
        AdversarialGraph.GENERATOR, DEFAULT_OPTIMIZER,
        AdversarialGraph.DISCRIMINATOR, DEFAULT_OPTIMIZER);
  }

  @Override
  public GenerativeModel create(GanConfig config) {
    return new GanModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
