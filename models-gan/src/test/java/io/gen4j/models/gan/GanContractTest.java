package io.gen4j.models.gan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

class GanContractTest extends ModelContractTest<GanConfig> {

  @Override
  protected ModelProvider<GanConfig> provider() {
    return new GanProvider();
  }

  @Override
  protected GanConfig config() {
    GanConfig defaults = GanConfig.DEFAULT;
    return new GanConfig(16, List.of(32, 64), List.of(64, 32), defaults.leakySlope(), defaults.batchNormMomentum(),
        defaults.loss(), defaults.discriminatorSteps());
  }
}
