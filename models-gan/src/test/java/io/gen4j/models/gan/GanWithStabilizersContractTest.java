package io.gen4j.models.gan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.AugmentConfig;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.testing.ModelContractTest;
import java.util.List;
import java.util.Optional;

/**
 * The model contract with every stabilizer on: spectral normalization of both networks, R1 and R2 every
 * second critic update (so both of the critic's update ops are checked) and DiffAugment with ADA's adaptive
 * probability.
 */
class GanWithStabilizersContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new GanProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.withStabilizers(SmallGanConfigs.small(GanConfig.GAN_DEFAULT),
        new StabilizerConfig(List.of("generator", "discriminator"), 10f, 1f, 2, Optional.of(
            new AugmentConfig(null, null, Optional.of(new AugmentConfig.Adaptive(null, null))))));
  }
}
