package io.gen4j.models.gan;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import java.util.List;
import java.util.Optional;

/** Small variants of the MLP GAN configs, so tests run in seconds. */
final class SmallGanConfigs {

  private SmallGanConfigs() {}

  static GanConfig small(GanConfig base) {
    return new GanConfig(16, List.of(32, 64), List.of(64, 32), base.leakySlope(), base.batchNormMomentum(),
        base.loss(), base.constraint(), base.gradientPenaltyWeight(), base.clipValue(), base.discriminatorSteps(),
        base.ema(), base.stabilizers());
  }

  static GanConfig withConstraint(GanConfig base, StandardLoss loss, LipschitzConstraint constraint) {
    return new GanConfig(base.latentSize(), base.generatorLayers(), base.discriminatorLayers(), base.leakySlope(),
        base.batchNormMomentum(), loss, constraint, base.gradientPenaltyWeight(), base.clipValue(),
        base.discriminatorSteps(), base.ema(), base.stabilizers());
  }

  static GanConfig withAverage(GanConfig base, WeightAverageConfig ema) {
    return new GanConfig(base.latentSize(), base.generatorLayers(), base.discriminatorLayers(), base.leakySlope(),
        base.batchNormMomentum(), base.loss(), base.constraint(), base.gradientPenaltyWeight(), base.clipValue(),
        base.discriminatorSteps(), Optional.of(ema), base.stabilizers());
  }

  static GanConfig withStabilizers(GanConfig base, StabilizerConfig stabilizers) {
    return new GanConfig(base.latentSize(), base.generatorLayers(), base.discriminatorLayers(), base.leakySlope(),
        base.batchNormMomentum(), base.loss(), base.constraint(), base.gradientPenaltyWeight(), base.clipValue(),
        base.discriminatorSteps(), base.ema(), stabilizers);
  }
}
