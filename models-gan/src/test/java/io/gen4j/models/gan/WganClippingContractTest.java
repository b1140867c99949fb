package io.gen4j.models.gan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** The original WGAN: weight clipping runs after the critic's update, on the critic only. */
class WganClippingContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new WganProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.withConstraint(
        SmallGanConfigs.small(GanConfig.WGAN_DEFAULT), StandardLoss.WASSERSTEIN, LipschitzConstraint.WEIGHT_CLIPPING);
  }
}
