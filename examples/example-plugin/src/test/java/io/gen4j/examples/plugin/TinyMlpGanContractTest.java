package io.gen4j.examples.plugin;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;

class TinyMlpGanContractTest extends ModelContractTest<TinyMlpGanConfig> {

  @Override
  protected ModelProvider<TinyMlpGanConfig> provider() {
    return new TinyMlpGanProvider();
  }

  @Override
  protected TinyMlpGanConfig config() {
    return new TinyMlpGanConfig(8, 16, TinyMlpGanConfig.DEFAULT.loss(), TinyMlpGanConfig.DEFAULT.constraint());
  }
}
