package io.gen4j.models.gan;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.ModelConfig;
import io.gen4j.train.adversarial.AdversarialSettings;
import java.util.List;

/**
 * The {@code model} section of the MLP GANs, {@code gan} and {@code wgan}; they differ in defaults.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param generatorLayers widths of the generator's hidden layers; default [256, 512, 1024]
 * @param discriminatorLayers widths of the discriminator's (critic's) hidden layers; default [512, 256]
 * @param leakySlope slope of LeakyReLU for negative inputs, in [0, 1); default 0.2
 * @param batchNormMomentum momentum of the generator's batch norm moving averages, in [0, 1); default 0.8
 * @param loss the adversarial loss: gan default {@code non-saturating}, wgan default {@code wasserstein}
 * @param constraint the critic's Lipschitz constraint: gan default {@code none}, wgan default {@code
 *     gradient-penalty}
 * @param gradientPenaltyWeight lambda of the gradient penalty; default 10
 * @param clipValue the weight-clipping limit; default 0.01
 * @param discriminatorSteps discriminator updates per generator update: gan default 1, wgan default 5
 * @param ema moving average of the generator's weights used for sampling; default none
 */
public record GanConfig(
    int latentSize,
    List<Integer> generatorLayers,
    List<Integer> discriminatorLayers,
    float leakySlope,
    float batchNormMomentum,
    AdversarialLoss loss,
    LipschitzConstraint constraint,
    float gradientPenaltyWeight,
    float clipValue,
    int discriminatorSteps,
    WeightAverageConfig ema) implements ModelConfig {

  /** The vanilla GAN's defaults. */
  public static final GanConfig GAN_DEFAULT = new GanConfig(
      100, List.of(256, 512, 1024), List.of(512, 256), 0.2f, 0.8f, AdversarialLoss.NON_SATURATING,
      LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, null);

  /** WGAN-GP's defaults (Gulrajani et al.): Wasserstein loss, gradient penalty, 5 critic steps. */
  public static final GanConfig WGAN_DEFAULT = new GanConfig(
      100, List.of(256, 512, 1024), List.of(512, 256), 0.2f, 0.8f, AdversarialLoss.WASSERSTEIN,
      LipschitzConstraint.GRADIENT_PENALTY, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 5, null);

  public GanConfig {
    ConfigChecks.size("latentSize", latentSize);
    generatorLayers = ConfigChecks.sizes("generatorLayers", generatorLayers, "layer width");
    discriminatorLayers = ConfigChecks.sizes("discriminatorLayers", discriminatorLayers, "layer width");
    ConfigChecks.inUnitInterval("leakySlope", leakySlope);
    ConfigChecks.inUnitInterval("batchNormMomentum", batchNormMomentum);
    new AdversarialSettings(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema);
  }

  /** The settings shared by every GAN. */
  public AdversarialSettings adversarial() {
    return new AdversarialSettings(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema);
  }
}
