package io.gen4j.models.dcgan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.adversarial.AdversarialSettings;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * The {@code model} section of a {@code dcgan} experiment.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param generatorFilters channel counts of the generator's stages: the dense projection's depth, then one
 *     transposed convolution per further count (see {@link DcganArchitecture}); empty (default; {@code
 *     null} in JSON) chooses them by image size: [512, 256, 128, 64] for sides that are multiples of 16 from 64 up
 *     (4x4x512 -> 8x8x256 -> 16x16x128 -> 32x32x64 -> 64x64xC), [256, 128, 64] otherwise (4x4 start
 *     for multiples of 8 from 32 up; for MNIST 7x7x256 -> 7x7x128 -> 14x14x64 -> 28x28xC)
 * @param discriminatorFilters channels of the discriminator's stride-2 convolutions; empty (default;
 *     {@code null} in JSON) chooses them by image size: [64, 128, 256, 512], [64, 128, 256] and [64, 128] for the
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
 * @param ema moving average of the generator's weights used for sampling; default none (empty; {@code null}
 *     in JSON)
 * @param stabilizers spectral normalization, the R1/R2 penalties and augmentation ({@link StabilizerConfig}); default
 *     all off
 */
public record DcganConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the noise vector z.")
    int latentSize,
    @JsonPropertyDescription("Channels of the generator's stages: the dense projection's depth, then one transposed"
        + " convolution per further count; null (default) chooses them by image size.")
    Optional<List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer>> generatorFilters,
    @JsonPropertyDescription("Channels of the discriminator's stride-2 convolutions; null (default) chooses them by"
        + " image size.")
    Optional<List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer>> discriminatorFilters,
    @Min(1) @JsonPropertyDescription("Side of every convolution kernel.")
    int kernelSize,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("The discriminator's dropout rate after each convolution.")
    float dropout,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("The discriminator's LeakyReLU slope for negative inputs.")
    float leakySlope,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("Momentum of the generator's batch norm moving averages.")
    float batchNormMomentum,
    @JsonPropertyDescription("The adversarial loss: minimax, non-saturating, wasserstein, hinge or least-squares.")
    StandardLoss loss,
    @JsonPropertyDescription("The critic's Lipschitz constraint: none, weight-clipping or gradient-penalty;"
        + " required with wasserstein, refused with the other losses.")
    LipschitzConstraint constraint,
    @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("Lambda of WGAN-GP's gradient penalty.")
    float gradientPenaltyWeight,
    @DecimalMin(value = "0", inclusive = false)
    @JsonPropertyDescription("The weight-clipping limit, applied to every critic variable after each critic update.")
    float clipValue,
    @Min(1) @JsonPropertyDescription("Discriminator (critic) updates per generator update, each on its own batch.")
    int discriminatorSteps,
    @JsonPropertyDescription("An exponential moving average of the generator's weights, used for sampling,"
        + " evaluation and export, e.g. {\"decay\": 0.999}; null for none.")
    Optional<WeightAverageConfig> ema,
    @JsonPropertyDescription("Spectral normalization per network, the R1/R2 gradient penalties and differentiable"
        + " augmentation; all off by default.")
    StabilizerConfig stabilizers) implements ModelConfig {

  /** The defaults listed above. */
  public static final DcganConfig DEFAULT = new DcganConfig(
      100, Optional.empty(), Optional.empty(), 5, 0.3f, 0.2f, 0.9f, StandardLoss.NON_SATURATING,
      LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(), StabilizerConfig.NONE);

  public DcganConfig {
    ConfigChecks.size("latentSize", latentSize);
    requireNonNull(generatorFilters, "generatorFilters is null; Optional.empty() to choose by image size");
    requireNonNull(discriminatorFilters, "discriminatorFilters is null; Optional.empty() to choose by image size");
    generatorFilters = generatorFilters.map(filters -> ConfigChecks.sizes("generatorFilters", filters, "channel count"));
    discriminatorFilters =
        discriminatorFilters.map(filters -> ConfigChecks.sizes("discriminatorFilters", filters, "channel count"));
    ConfigChecks.atLeastOne("kernelSize", kernelSize);
    ConfigChecks.inUnitInterval("dropout", dropout);
    ConfigChecks.inUnitInterval("leakySlope", leakySlope);
    ConfigChecks.inUnitInterval("batchNormMomentum", batchNormMomentum);
    requireNonNull(ema, "ema is null; Optional.empty() for none");
    stabilizers = stabilizers == null ? StabilizerConfig.NONE : stabilizers;
    adversarial(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema, stabilizers);
  }

  /** The settings shared by every GAN. */
  public AdversarialSettings adversarial() {
    return adversarial(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema, stabilizers);
  }

  private static AdversarialSettings adversarial(
      StandardLoss loss, LipschitzConstraint constraint, float gradientPenaltyWeight, float clipValue,
      int discriminatorSteps, Optional<WeightAverageConfig> ema, StabilizerConfig stabilizers) {
    return AdversarialSettings.builder(loss)
        .constraint(constraint)
        .gradientPenaltyWeight(gradientPenaltyWeight)
        .clipValue(clipValue)
        .discriminatorSteps(discriminatorSteps)
        .weightAverage(ema)
        .stabilizers(stabilizers)
        .build();
  }
}
