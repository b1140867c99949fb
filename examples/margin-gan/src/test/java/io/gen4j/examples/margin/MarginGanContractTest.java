package io.gen4j.examples.margin;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

class MarginGanContractTest extends ModelContractTest<MarginGanConfig> {

  @Override
  protected ModelProvider<MarginGanConfig> provider() {
    return new MarginGanProvider();
  }

  @Override
  protected MarginGanConfig config() {
    return new MarginGanConfig(8, 16, 0.5f, 2);
  }
}
