package io.gen4j.models.gan;

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
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

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
 * @param ema moving average of the generator's weights used for sampling; default none (empty; {@code null}
 *     in JSON)
 * @param stabilizers spectral normalization, the R1/R2 penalties and augmentation ({@link StabilizerConfig}); default
 *     all off
 */
public record GanConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the noise vector z.")
    int latentSize,
    @Size(min = 1) @JsonPropertyDescription("Widths of the generator's hidden layers.")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> generatorLayers,
    @Size(min = 1) @JsonPropertyDescription("Widths of the discriminator's (critic's) hidden layers.")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> discriminatorLayers,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("Slope of LeakyReLU for negative inputs.")
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

  /** The vanilla GAN's defaults. */
  public static final GanConfig GAN_DEFAULT = new GanConfig(
      100, List.of(256, 512, 1024), List.of(512, 256), 0.2f, 0.8f, StandardLoss.NON_SATURATING,
      LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(), StabilizerConfig.NONE);

  /** WGAN-GP's defaults (Gulrajani et al.): Wasserstein loss, gradient penalty, 5 critic steps. */
  public static final GanConfig WGAN_DEFAULT = new GanConfig(
      100, List.of(256, 512, 1024), List.of(512, 256), 0.2f, 0.8f, StandardLoss.WASSERSTEIN,
      LipschitzConstraint.GRADIENT_PENALTY, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 5, Optional.empty(), StabilizerConfig.NONE);

  public GanConfig {
    ConfigChecks.size("latentSize", latentSize);
    generatorLayers = ConfigChecks.sizes("generatorLayers", generatorLayers, "layer width");
    discriminatorLayers = ConfigChecks.sizes("discriminatorLayers", discriminatorLayers, "layer width");
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
