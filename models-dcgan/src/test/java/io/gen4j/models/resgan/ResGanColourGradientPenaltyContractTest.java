package io.gen4j.models.resgan;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.testing.ModelContractTest;

/**
 * A narrow resgan on 32x32 RGB images as a WGAN-GP: the gradient penalty needs second-order gradients
 * through every critic op, pooling and spectral normalization included.
 */
class ResGanColourGradientPenaltyContractTest extends ModelContractTest<ResGanConfig> {

  @Override
  protected ModelProvider<ResGanConfig> provider() {
    return new ResGanProvider();
  }

  @Override
  protected ResGanConfig config() {
    return SmallResGanConfigs.small(StandardLoss.WASSERSTEIN, LipschitzConstraint.GRADIENT_PENALTY);
  }

  @Override
  protected ImageShape imageShape() {
    return new ImageShape(32, 32, 3);
  }
}
