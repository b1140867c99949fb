package io.gen4j.models.dcgan;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.ModelConfig;
import io.gen4j.train.adversarial.AdversarialSettings;
import java.util.List;

/**
 * The {@code model} section of a {@code dcgan} experiment.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param generatorFilters channel counts of the generator's stages: the dense projection's depth, then one
 *     transposed convolution per further count (see {@link DcganArchitecture}); {@code null} (default)
 *     chooses them by image size: [512, 256, 128, 64] for sides that are multiples of 16 from 64 up
 *     (4x4x512 -> 8x8x256 -> 16x16x128 -> 32x32x64 -> 64x64xC), [256, 128, 64] otherwise (4x4 start
 *     for multiples of 8 from 32 up; for MNIST 7x7x256 -> 7x7x128 -> 14x14x64 -> 28x28xC)
 * @param discriminatorFilters channels of the discriminator's stride-2 convolutions; {@code null}
 *     (default) chooses them by image size: [64, 128, 256, 512], [64, 128, 256] and [64, 128] for the
 *     three size classes above
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
      100, null, null, 5, 0.3f, 0.2f, 0.9f, AdversarialLoss.NON_SATURATING,
      LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, null);

  public DcganConfig {
    ConfigChecks.size("latentSize", latentSize);
    if (generatorFilters != null) {
      generatorFilters = ConfigChecks.sizes("generatorFilters", generatorFilters, "channel count");
    }
    if (discriminatorFilters != null) {
      discriminatorFilters = ConfigChecks.sizes("discriminatorFilters", discriminatorFilters, "channel count");
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
