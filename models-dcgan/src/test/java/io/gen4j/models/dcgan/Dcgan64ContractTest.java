package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

/** 64x64 RGB images: four upsamplings from a 4x4 start, four discriminator convolutions. */
class Dcgan64ContractTest extends ModelContractTest<DcganConfig> {

  @Override
  protected ModelProvider<DcganConfig> provider() {
    return new DcganProvider();
  }

  @Override
  protected DcganConfig config() {
    return SmallDcganConfigs.withFilters(
        SmallDcganConfigs.small(StandardLoss.NON_SATURATING, LipschitzConstraint.NONE, 1),
        List.of(16, 8, 8, 4), List.of(4, 8, 8, 16));
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(64, 64, 3);
  }
}
