package io.gen4j.models.dcgan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.AugmentConfig;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;
import java.util.List;
import java.util.Optional;

/**
 * The model contract with spectral normalization of both networks (dense, convolution and transposed
 * convolution kernels), DiffAugment's three augmentations and the R1 penalty through them and the
 * convolutional discriminator.
 */
class DcganWithStabilizersContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.withStabilizers(SmallDcganConfigs.small(StandardLoss.HINGE, LipschitzConstraint.NONE, 1),
        new StabilizerConfig(List.of("generator", "discriminator"), 1f, 0f, 1,
            Optional.of(new AugmentConfig(null, null, Optional.empty()))));
  }
}
