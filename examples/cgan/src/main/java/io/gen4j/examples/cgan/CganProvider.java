package io.gen4j.examples.cgan;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import java.util.Map;

/**
 * {@code cgan}: a class-conditional DCGAN. Found by {@link java.util.ServiceLoader} through this jar's
 * {@code META-INF/services/io.gen4j.spi.ModelProvider}; cheap to construct, it builds nothing until
 * core asks the model for its graph.
 */
public final class CganProvider implements ModelProvider<CganConfig> {

  /** Radford et al.'s Adam settings, for both networks. */
  public static final OptimizerConfig.Adam ADAM = new OptimizerConfig.Adam(2e-4f, 0.5f, 0.999f, 1e-7f);

  /** With the gradient penalty, Gulrajani et al.'s Adam settings. */
  public static final OptimizerConfig.Adam GRADIENT_PENALTY_ADAM = new OptimizerConfig.Adam(1e-4f, 0.5f, 0.9f, 1e-7f);

  @Override
  public String name() {
    return "cgan";
  }

  @Override
  public String description() {
    return "conditional DCGAN: class embedding beside z, projection discriminator; sample by label";
  }

  @Override
  public Class<CganConfig> configClass() {
    return CganConfig.class;
  }

  @Override
  public CganConfig defaultConfig() {
    return CganConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(CganConfig config) {
    OptimizerConfig adam = config.constraint() == LipschitzConstraint.GRADIENT_PENALTY ? GRADIENT_PENALTY_ADAM : ADAM;
    return Map.of(AdversarialGraph.GENERATOR, adam, AdversarialGraph.DISCRIMINATOR, adam);
  }

  @Override
  public GenerativeModel create(CganConfig config) {
    return new CganModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
