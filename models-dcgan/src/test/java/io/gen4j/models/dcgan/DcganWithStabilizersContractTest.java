package io.gen4j.models.dcgan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

/**
 * The model contract with spectral normalization of both networks (dense, convolution and transposed
 * convolution kernels) and the R1 penalty through the convolutional discriminator.
 */
class DcganWithStabilizersContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.withStabilizers(SmallDcganConfigs.small(StandardLoss.HINGE, LipschitzConstraint.NONE, 1),
        new StabilizerConfig(List.of("generator", "discriminator"), 1f, 0f, 1));
  }
}
