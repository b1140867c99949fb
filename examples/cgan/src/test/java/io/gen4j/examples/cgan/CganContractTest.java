package io.gen4j.examples.cgan;

import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

/** The testing kit's contract, on a small cgan so that it runs in seconds. */
class CganContractTest extends ModelContractTest<CganConfig> {

  @Override
  protected ModelProvider<CganConfig> provider() {
    return new CganProvider();
  }

  @Override
  protected CganConfig config() {
    return new CganConfig(8, 4, List.of(8, 4), List.of(4, 8), 3, 0.3f, 0.2f, 0.9f, StandardLoss.NON_SATURATING,
        LipschitzConstraint.NONE);
  }
}
