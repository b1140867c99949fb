package io.gen4j.models.vae;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import java.util.Map;

/** {@code vae}: the variational autoencoder of Kingma and Welling, with a Bernoulli likelihood. */
public final class VaeProvider implements ModelProvider<VaeConfig> {

  /** Adam 1e-3 (Kingma and Welling's choice of optimizer, at Keras' default step). */
  public static final OptimizerConfig.Adam DEFAULT_OPTIMIZER = OptimizerConfig.Adam.DEFAULT;

  @Override
  public String name() {
    return "vae";
  }

  @Override
  public String description() {
    return "variational autoencoder: MLP (512-256) or conv encoder/decoder, Gaussian latent (20), Bernoulli pixels";
  }

  @Override
  public Class<VaeConfig> configClass() {
    return VaeConfig.class;
  }

  @Override
  public VaeConfig defaultConfig() {
    return VaeConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(VaeConfig config) {
    return Map.of(VaeModel.NETWORK, DEFAULT_OPTIMIZER);
  }

  @Override
  public GenerativeModel create(VaeConfig config) {
    return new VaeModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
