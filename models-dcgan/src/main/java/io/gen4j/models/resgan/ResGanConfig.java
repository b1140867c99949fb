package io.gen4j.models.resgan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.adversarial.AdversarialSettings;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StabilizerConfig;
import io.gen4j.spi.adversarial.StandardLoss;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * The {@code model} section of a {@code resgan} experiment.
 *
 * @param latentSize size of the noise vector z; default 128
 * @param generatorChannels channels of every generator block; default 64
 * @param discriminatorChannels channels of every discriminator block; default 64
 * @param loss the adversarial loss; default {@code hinge} (SN-GAN's)
 * @param constraint the critic's Lipschitz constraint, with the wasserstein loss; default {@code none}
 * @param gradientPenaltyWeight lambda of the gradient penalty; default 10
 * @param clipValue the weight-clipping limit; default 0.01
 * @param discriminatorSteps discriminator updates per generator update; default 1
 * @param ema moving average of the generator's weights used for sampling; default none
 * @param stabilizers spectral normalization, the R1/R2 penalties and augmentation; default spectral
 *     normalization of the discriminator (SN-GAN)
 */
public record ResGanConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the noise vector z.")
    int latentSize,
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Channels of every generator block.")
    int generatorChannels,
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Channels of every discriminator block.")
    int discriminatorChannels,
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
        + " augmentation; by default spectral normalization of the discriminator.")
    StabilizerConfig stabilizers) implements ModelConfig {

  /** SN-GAN's stabilizer: the discriminator's kernels spectrally normalized. */
  public static final StabilizerConfig DEFAULT_STABILIZERS =
      new StabilizerConfig(List.of("discriminator"), 0f, 0f, 1, Optional.empty());

  /** The defaults listed above. */
  public static final ResGanConfig DEFAULT = new ResGanConfig(
      128, 64, 64, StandardLoss.HINGE, LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(), DEFAULT_STABILIZERS);

  public ResGanConfig {
    ConfigChecks.size("latentSize", latentSize);
    ConfigChecks.size("generatorChannels", generatorChannels);
    ConfigChecks.size("discriminatorChannels", discriminatorChannels);
    requireNonNull(ema, "ema is null; Optional.empty() for none");
    stabilizers = stabilizers == null ? DEFAULT_STABILIZERS : stabilizers;
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
