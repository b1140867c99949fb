package io.gen4j.models.dcgan;

import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

class DcganContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.small(AdversarialLoss.NON_SATURATING, LipschitzConstraint.NONE, 1);
  }
}
