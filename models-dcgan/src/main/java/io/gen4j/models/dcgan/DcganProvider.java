package io.gen4j.models.dcgan;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.adversarial.AdversarialGraph;
import java.util.Map;

/** {@code dcgan}: Radford et al.'s deep convolutional GAN, its depth derived from the image size (28x28 to 64x64 and up). */
public final class DcganProvider implements ModelProvider<DcganConfig> {

  /** Radford et al.'s Adam settings, for both networks. */
  public static final OptimizerConfig.Adam DEFAULT_OPTIMIZER = new OptimizerConfig.Adam(2e-4f, 0.5f, 0.999f, 1e-7f);

  /** With the gradient penalty, Gulrajani et al.'s Adam settings. */
  public static final OptimizerConfig.Adam GRADIENT_PENALTY_OPTIMIZER = new OptimizerConfig.Adam(1e-4f, 0.5f, 0.9f, 1e-7f);

  /** With weight clipping, Arjovsky et al.'s RMSProp. */
  public static final OptimizerConfig.RmsProp WEIGHT_CLIPPING_OPTIMIZER = new OptimizerConfig.RmsProp(5e-5f, 0.9f, 0f, 1e-10f);

  @Override
  public String name() {
    return "dcgan";
  }

  @Override
  public String description() {
    return "DCGAN: transposed-conv generator with batch norm, strided-conv discriminator with dropout";
  }

  @Override
  public Class<DcganConfig> configClass() {
    return DcganConfig.class;
  }

  @Override
  public DcganConfig defaultConfig() {
    return DcganConfig.DEFAULT;
  }

  @Override
  public Map<String, OptimizerConfig> defaultOptimizers(DcganConfig config) {
    OptimizerConfig optimizer = config.constraint() == LipschitzConstraint.GRADIENT_PENALTY
        ? GRADIENT_PENALTY_OPTIMIZER
        : config.constraint() == LipschitzConstraint.WEIGHT_CLIPPING ? WEIGHT_CLIPPING_OPTIMIZER : DEFAULT_OPTIMIZER;
    return Map.of(AdversarialGraph.GENERATOR, optimizer, AdversarialGraph.DISCRIMINATOR, optimizer);
  }

  @Override
  public GenerativeModel create(DcganConfig config) {
    return new DcganModel(config);
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }
}
