package io.gen4j.models.resgan;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/** {@code resgan}: SN-GAN's residual generator and discriminator, for 28x28 to 64x64 images in 1 or 3 channels. */
public final class ResGanProvider implements ModelProvider<ResGanConfig> {

  /** SN-GAN's and StudioGAN's Adam settings, for both networks. */
  public static final OptimizerConfig.Adam DEFAULT_OPTIMIZER = new OptimizerConfig.Adam(2e-4f, 0f, 0.9f, 1e-7f);

  @Override
  public String name() {
    return "resgan";
  }

  @Override
  public String description() {
    return "ResNet GAN (SN-GAN): residual up blocks with batch norm, residual down blocks with spectral norm";
  }

  @Override
  public Class<ResGanConfig> configClass() {
    return ResGanConfig.class;
  }

  @Override
  public ResGanConfig defaultConfig() {
    return ResGanConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(ResGanConfig config) {
    return Map.of(AdversarialGraph.GENERATOR, DEFAULT_OPTIMIZER, AdversarialGraph.DISCRIMINATOR, DEFAULT_OPTIMIZER);
  }

  @Override
  public GenerativeModel create(ResGanConfig config) {
    return new ResGanModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
