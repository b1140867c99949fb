package io.gen4j.testing;

import io.gen4j.spi.ModelProvider;

/** Core's own models pass the contract too: the test-only tiny GAN built from core's helpers. */
class TinyGanContractTest extends ModelContractTest<TinyGanProvider.Config> {

  @Override
  protected ModelProvider<TinyGanProvider.Config> provider() {
    return new TinyGanProvider();
  }
}
