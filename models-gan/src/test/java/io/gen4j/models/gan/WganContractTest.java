package io.gen4j.models.gan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** WGAN-GP: the gradient penalty's second-order update must still change only the critic. */
class WganContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new WganProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.small(GanConfig.WGAN_DEFAULT);
  }
}
