package io.gen4j.models.resgan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
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
 * @param generatorChannels channels of every generator block; default 32 (SN-GAN's CIFAR-10 generator has
 *     256): a 28x28 training step at batch 64 then takes 22.6 GFLOP in convolutions and products, 2.4 times
 *     the shipped {@code dcgan-mnist}'s, against 89.7 with 64 channels (timings at {@link #DEFAULT})
 * @param discriminatorChannels channels of every discriminator block; default 32 (SN-GAN's has 128)
 * @param discriminatorPlainBlocks residual blocks without pooling after the discriminator's down blocks;
 *     default 2, as SN-GAN's CIFAR-10 critic (at the smallest size, two add 4% to the FLOPs of a step)
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
    @Min(0) @JsonPropertyDescription("Residual blocks without pooling after the discriminator's down blocks, at its"
        + " smallest size (SN-GAN's CIFAR-10 critic has 2).")
    int discriminatorPlainBlocks,
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

  /**
   * The defaults listed above. The widths are SN-GAN's narrowed to fit a 2-core CPU: a training step at
   * batch 64 (one discriminator and one generator update, weight average on) took 3.2 times a step of the
   * shipped {@code dcgan-mnist} at 28x28x1 (362 against 114 ms, timed alternately on 2 cores at load 6),
   * 4.1 times at 32x32x3 (499 ms) and 18 times at 64x64x3 (2,042 ms); with 64 channels, 9.5 times at
   * 28x28x1 (1,104 ms).
   */
  public static final ResGanConfig DEFAULT = new ResGanConfig(
      128, 32, 32, 2, StandardLoss.HINGE, LipschitzConstraint.NONE, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
      AdversarialSettings.DEFAULT_CLIP_VALUE, 1, Optional.empty(), DEFAULT_STABILIZERS);

  public ResGanConfig {
    ConfigChecks.size("latentSize", latentSize);
    ConfigChecks.size("generatorChannels", generatorChannels);
    ConfigChecks.size("discriminatorChannels", discriminatorChannels);
    if (discriminatorPlainBlocks < 0) {
      throw new InvalidConfigException(
          "discriminatorPlainBlocks", "must be 0 or more, got " + discriminatorPlainBlocks);
    }
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
