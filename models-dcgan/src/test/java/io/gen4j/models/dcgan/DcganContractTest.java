package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

class DcganContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.small(StandardLoss.NON_SATURATING, LipschitzConstraint.NONE, 1);
  }
}
