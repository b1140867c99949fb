package io.gen4j.models.vae;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

/** A convolutional VAE with the discretized logistic likelihood on 32x32 RGB images. */
class VaeColourContractTest extends ModelContractTest<VaeConfig> {

  @Override
  protected ModelProvider<VaeConfig> provider() {
    return new VaeProvider();
  }

  @Override
  protected VaeConfig config() {
    return new VaeConfig(
        4, Architecture.CONV, List.of(16), List.of(4, 8), 1f, Binarization.NONE, Likelihood.DISCRETIZED_LOGISTIC);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(32, 32, 3);
  }
}
