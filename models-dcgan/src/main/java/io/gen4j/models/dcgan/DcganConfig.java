package io.gen4j.models.dcgan;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.train.adversarial.AdversarialSettings;
import java.util.List;

/**
 * The {@code model} section of a {@code dcgan} experiment.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param generatorFilters 2 or 3 channel counts of the generator's stages: the dense projection's depth
 *     at a quarter of the image size, then one transposed convolution per further count; default [256,
 *     128, 64] (7x7x256 -> 7x7x128 -> 14x14x64 -> 28x28xC for MNIST)
 * @param discriminatorFilters channels of the discriminator's stride-2 convolutions; default [64, 128]
 * @param kernelSize side of every convolution kernel; default 5
 * @param dropout the discriminator's dropout rate after each convolution, in [0, 1); default 0.3
 * @param leakySlope the discriminator's LeakyReLU slope, in [0, 1); default 0.2
 * @param batchNormMomentum momentum of the generator's batch norm moving averages, in [0, 1); default 0.9
 * @param loss the adversarial loss; default {@code non-saturating}
 * @param constraint the critic's Lipschitz constraint, with the wasserstein loss; default {@code none}
 * @param gradientPenaltyWeight lambda of the gradient penalty; default 10
 * @param clipValue the weight-clipping limit; default 0.01
 * @param discriminatorSteps discriminator updates per generator update; default 1
 * @param ema moving average of the generator's weights used for sampling; default none
 */
public record DcganConfig(
    int latentSize,
    List<Integer> generatorFilters,
    List<Integer> discriminatorFilters,
    int kernelSize,
    float dropout,
    float leakySlope,
    float batchNormMomentum,
    AdversarialLoss loss,
    LipschitzConstraint constraint,
    float gradientPenaltyWeight,
    float clipValue,
    int discriminatorSteps,
    WeightAverageConfig ema) implements ModelConfig {

  /** The defaults listed above. */
  public static final DcganConfig DEFAULT = new DcganConfig(
      100, List.of(256, 128, 64), List.of(64, 128), 5, 0.3f, 0.2f, 0.9f, AdversarialLoss.NON_SATURATING,
      LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, null);

  public DcganConfig {
    ConfigChecks.size("latentSize", latentSize);
    generatorFilters = ConfigChecks.sizes("generatorFilters", generatorFilters, "channel count");
    discriminatorFilters = ConfigChecks.sizes("discriminatorFilters", discriminatorFilters, "channel count");
    if (generatorFilters.size() < 2 || generatorFilters.size() > 3) {
      throw new InvalidConfigException(
          "generatorFilters", "must list 2 or 3 channel counts (projection, then one or two upsampling stages), got "
              + generatorFilters.size());
    }
    ConfigChecks.atLeastOne("kernelSize", kernelSize);
    ConfigChecks.inUnitInterval("dropout", dropout);
    ConfigChecks.inUnitInterval("leakySlope", leakySlope);
    ConfigChecks.inUnitInterval("batchNormMomentum", batchNormMomentum);
    new AdversarialSettings(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema);
  }

  /** The settings shared by every GAN. */
  public AdversarialSettings adversarial() {
    return new AdversarialSettings(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema);
  }
}
