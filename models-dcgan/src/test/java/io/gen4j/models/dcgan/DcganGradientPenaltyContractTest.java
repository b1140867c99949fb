package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** DCGAN with WGAN-GP: second-order gradients through conv, bias, LeakyReLU and dropout. */
class DcganGradientPenaltyContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.small(StandardLoss.WASSERSTEIN, LipschitzConstraint.GRADIENT_PENALTY, 5);
  }
}
