package io.gen4j.models.dcgan;

import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import java.util.List;
import java.util.Optional;

/** Small DCGAN configs, so tests run in seconds. */
final class SmallDcganConfigs {

  private SmallDcganConfigs() {}

  static DcganConfig small(StandardLoss loss, LipschitzConstraint constraint, int discriminatorSteps) {
    DcganConfig base = DcganConfig.DEFAULT;
    return new DcganConfig(16, List.of(16, 8, 4), List.of(4, 8), 3, base.dropout(), base.leakySlope(),
        base.batchNormMomentum(), loss, constraint, base.gradientPenaltyWeight(), base.clipValue(), discriminatorSteps,
        Optional.empty());
  }
}
