package io.gen4j.models.gan;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/**
 * {@code wgan}: the Wasserstein GAN with the MLP generator and an MLP critic. By default WGAN-GP
 * (Gulrajani et al.: gradient penalty 10, 5 critic steps, Adam 1e-4 with betas 0.5 and 0.9); with
 * {@code "constraint": "weight-clipping"} the original WGAN (Arjovsky et al.: clip 0.01, RMSProp 5e-5).
 */
public final class WganProvider implements ModelProvider<GanConfig> {

  /** WGAN-GP's optimizer, for both networks. */
  public static final OptimizerConfig.Adam GRADIENT_PENALTY_OPTIMIZER = new OptimizerConfig.Adam(1e-4f, 0.5f, 0.9f, 1e-7f);

  /** The original WGAN's optimizer, for both networks. */
  public static final OptimizerConfig.RmsProp WEIGHT_CLIPPING_OPTIMIZER = new OptimizerConfig.RmsProp(5e-5f, 0.9f, 0f, 1e-10f);

  @Override
  public String name() {
    return "wgan";
  }

  @Override
  public String description() {
    return "Wasserstein GAN, MLP critic: WGAN-GP by default (gradient penalty, 5 critic steps), or weight clipping";
  }

  @Override
  public Class<GanConfig> configClass() {
    return GanConfig.class;
  }

  @Override
  public GanConfig defaultConfig() {
    return GanConfig.WGAN_DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(GanConfig config) {
    OptimizerConfig optimizer = config.constraint() == LipschitzConstraint.WEIGHT_CLIPPING
        ? WEIGHT_CLIPPING_OPTIMIZER
        : GRADIENT_PENALTY_OPTIMIZER;
    return Map.of(AdversarialGraph.GENERATOR, optimizer, AdversarialGraph.DISCRIMINATOR, optimizer);
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
