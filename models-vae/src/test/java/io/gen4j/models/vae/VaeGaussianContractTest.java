package io.gen4j.models.vae;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.ModelContractTest;
import java.util.List;

/** An MLP VAE with the Gaussian likelihood on RGB images of an odd, non-square size. */
class VaeGaussianContractTest extends ModelContractTest<VaeConfig> {

  @Override
  protected ModelProvider<VaeConfig> provider() {
    return new VaeProvider();
  }

  @Override
  protected VaeConfig config() {
    return new VaeConfig(4, Architecture.MLP, List.of(16), List.of(), 1f, Binarization.NONE, Likelihood.GAUSSIAN);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(13, 9, 3);
  }
}
