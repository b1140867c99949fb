package io.gen4j.models.gan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

class GanContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new GanProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.small(GanConfig.GAN_DEFAULT);
  }
}
