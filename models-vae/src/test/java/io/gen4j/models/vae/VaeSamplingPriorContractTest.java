package io.gen4j.models.vae;

import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;
import java.util.Optional;

/** The model contract with a sampling prior: its statistics are state the update changes. */
class VaeSamplingPriorContractTest extends ModelContractTest<VaeConfig> {

  @Override
  protected ModelProvider<VaeConfig> provider() {
    return new VaeProvider();
  }

  @Override
  protected VaeConfig config() {
    return new VaeConfig(4, Architecture.MLP, List.of(32, 16), List.of(), 1f, Binarization.DYNAMIC,
        Likelihood.BERNOULLI, Optional.of(new SamplingPriorConfig(3, 0.9f)));
  }
}
