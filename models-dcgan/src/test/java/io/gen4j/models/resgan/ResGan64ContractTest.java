package io.gen4j.models.resgan;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;

/** A narrow resgan on 64x64 RGB images: four up blocks, three down blocks. */
class ResGan64ContractTest extends ModelContractTest<ResGanConfig> {

  @Override
  protected ModelProvider<ResGanConfig> provider() {
    return new ResGanProvider();
  }

  @Override
  protected ResGanConfig config() {
    return SmallResGanConfigs.small(StandardLoss.HINGE, LipschitzConstraint.NONE);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(64, 64, 3);
  }

  @Override
  protected int batchSize() {
    return 4;
  }
}
