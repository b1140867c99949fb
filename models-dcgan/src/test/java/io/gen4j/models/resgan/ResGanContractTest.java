package io.gen4j.models.resgan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;

/** A narrow resgan on 28x28 grey images (the contract's default shape), hinge loss, spectrally normalized critic. */
class ResGanContractTest extends ModelContractTest<ResGanConfig> {

  @Override
  protected ModelProvider<ResGanConfig> provider() {
    return new ResGanProvider();
  }

  @Override
  protected ResGanConfig config() {
    return SmallResGanConfigs.small(StandardLoss.HINGE, LipschitzConstraint.NONE);
  }
}
