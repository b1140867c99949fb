package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import java.util.List;
import java.util.Optional;

/** Small DCGAN configs, so tests run in seconds. */
final class SmallDcganConfigs {

  private SmallDcganConfigs() {}

  static DcganConfig small(StandardLoss loss, LipschitzConstraint constraint, int discriminatorSteps) {
    DcganConfig base = DcganConfig.DEFAULT;
    return new DcganConfig(16, Optional.of(List.of(16, 8, 4)), Optional.of(List.of(4, 8)), 3, base.dropout(), base.leakySlope(),
        base.batchNormMomentum(), loss, constraint, base.gradientPenaltyWeight(), base.clipValue(), discriminatorSteps,
        Optional.empty(), StabilizerConfig.NONE);
  }

  /** {@code config} with these stabilizers. */
  static DcganConfig withStabilizers(DcganConfig config, StabilizerConfig stabilizers) {
    return new DcganConfig(config.latentSize(), config.generatorFilters(), config.discriminatorFilters(), config.kernelSize(),
        config.dropout(), config.leakySlope(), config.batchNormMomentum(), config.loss(), config.constraint(),
        config.gradientPenaltyWeight(), config.clipValue(), config.discriminatorSteps(), config.ema(), stabilizers);
  }

  /** {@code config} with other channel counts. */
  static DcganConfig withFilters(DcganConfig config, List<Integer> generator, List<Integer> discriminator) {
    return new DcganConfig(config.latentSize(), Optional.of(generator), Optional.of(discriminator), config.kernelSize(), config.dropout(),
        config.leakySlope(), config.batchNormMomentum(), config.loss(), config.constraint(),
        config.gradientPenaltyWeight(), config.clipValue(), config.discriminatorSteps(), config.ema(), config.stabilizers());
  }
}
