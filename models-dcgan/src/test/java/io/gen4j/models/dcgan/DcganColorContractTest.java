package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** 32x32 RGB images build a valid graph that trains and samples with the right shape. */
class DcganColorContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.small(StandardLoss.HINGE, LipschitzConstraint.NONE, 1);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(32, 32, 3);
  }
}
