package io.gen4j.models.gan;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** The MLP GAN takes any image size and channel count: here RGB images of an odd, non-square size. */
class GanColourContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new GanProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.small(GanConfig.GAN_DEFAULT);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(15, 22, 3);
  }
}
