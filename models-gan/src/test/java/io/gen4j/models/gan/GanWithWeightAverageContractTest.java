package io.gen4j.models.gan;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

/** With a generator weight average, samples come from the average and updates still stay in their network. */
class GanWithWeightAverageContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new GanProvider();
  }

  @Override
  protected GanConfig config() {
    return SmallGanConfigs.withAverage(SmallGanConfigs.small(GanConfig.GAN_DEFAULT), new WeightAverageConfig(0.99f, 0L));
  }
}
