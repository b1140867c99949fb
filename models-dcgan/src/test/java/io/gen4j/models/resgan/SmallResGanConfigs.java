package io.gen4j.models.resgan;

import io.gen4j.spi.adversarial.AdversarialSettings;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import java.util.Optional;

/** Narrow resgan configs, so tests run in seconds. */
final class SmallResGanConfigs {

  private SmallResGanConfigs() {}

  static ResGanConfig small(StandardLoss loss, LipschitzConstraint constraint) {
    return new ResGanConfig(16, 8, 8, 2, loss, constraint, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
        AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(), ResGanConfig.DEFAULT_STABILIZERS);
  }
}
