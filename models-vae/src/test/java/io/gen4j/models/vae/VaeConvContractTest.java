package io.gen4j.models.vae;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

class VaeConvContractTest extends ModelContractTest<VaeConfig> {

  @Override
  protected ModelProvider<VaeConfig> provider() {
    return new VaeProvider();
  }

  @Override
  protected VaeConfig config() {
    return new VaeConfig(
        3, Architecture.CONV, List.of(16), List.of(4, 8), 0.5f, Binarization.FIXED,
        Likelihood.BERNOULLI);
  }
}
