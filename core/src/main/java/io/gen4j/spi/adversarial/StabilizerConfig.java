package io.gen4j.spi.adversarial;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stabilizers a GAN may switch on beside its loss and Lipschitz constraint ({@code model.stabilizers}
 * of the built-in GANs): spectral normalization per network, the R1/R2 gradient penalties (optionally
 * lazy) and differentiable augmentation. Every field may be left out; the defaults switch everything off, which is the original papers'
 * training.
 *
 * @param spectralNorm the networks whose kernels are spectrally normalized (Miyato et al. 2018), any of
 *     {@value AdversarialGraph#GENERATOR} and {@value AdversarialGraph#DISCRIMINATOR}; default none
 * @param r1Weight γ of the R1 penalty (Mescheder et al. 2018), γ/2 · E[‖∇ₓD(x)‖²] on real images, added to
 *     the discriminator's loss; default 0 (off)
 * @param r2Weight γ of the R2 penalty, the same on generated images; default 0 (off)
 * @param penaltyInterval lazy regularization (Karras et al. 2020, StyleGAN2): the R1/R2 penalties are
 *     computed on every {@code penaltyInterval}-th discriminator update only, weighted by the interval;
 *     default 1 (every update)
 * @param augment differentiable augmentation of the images the discriminator sees, real and generated
 *     (DiffAugment, Zhao et al. 2020; ADA's adaptive probability, Karras et al. 2020); default none
 */
@JsonClassDescription("Stabilizers beside the loss and the Lipschitz constraint: spectral normalization per network,"
    + " the R1/R2 gradient penalties and differentiable augmentation; every field defaults to off.")
public record StabilizerConfig(
    @JsonPropertyDescription("Networks whose kernels are spectrally normalized (Miyato et al. 2018): any of"
        + " generator, discriminator; [] (default) for none.")
    List<String> spectralNorm,
    @DecimalMin("0") @JsonPropertyDescription("Gamma of the R1 penalty gamma/2 E[|grad D(x)|^2] on real images"
        + " (Mescheder et al. 2018); 0 (default) for none.")
    Float r1Weight,
    @DecimalMin("0") @JsonPropertyDescription("Gamma of the R2 penalty, the same on generated images; 0 (default)"
        + " for none.")
    Float r2Weight,
    @Min(1) @JsonPropertyDescription("Compute the R1/R2 penalties on every k-th discriminator update only, weighted"
        + " by k (StyleGAN2's lazy regularization); 1 (default) for every update.")
    Integer penaltyInterval,
    @JsonPropertyDescription("Differentiable augmentation of every image the discriminator sees (DiffAugment, or ADA"
        + " with adaptive), e.g. {\"policy\": [\"translation\", \"cutout\"]}; null (default) for none.")
    Optional<AugmentConfig> augment) {

  /** Everything off. */
  public static final StabilizerConfig NONE = new StabilizerConfig(List.of(), 0f, 0f, 1, Optional.empty());

  private static final Set<String> NETWORKS = Set.of(AdversarialGraph.GENERATOR, AdversarialGraph.DISCRIMINATOR);

  public StabilizerConfig {
    spectralNorm = spectralNorm == null ? List.of() : List.copyOf(spectralNorm);
    r1Weight = r1Weight == null ? 0f : r1Weight;
    r2Weight = r2Weight == null ? 0f : r2Weight;
    penaltyInterval = penaltyInterval == null ? 1 : penaltyInterval;
    augment = augment == null ? Optional.empty() : augment;
    Set<String> seen = new LinkedHashSet<>();
    for (String network : spectralNorm) {
      if (!NETWORKS.contains(network)) {
        throw new InvalidConfigException("spectralNorm",
            "unknown network '" + network + "'; a GAN's networks are generator and discriminator");
      }
      if (!seen.add(network)) {
        throw new InvalidConfigException("spectralNorm", "lists " + network + " twice");
      }
    }
    requireWeight("r1Weight", r1Weight);
    requireWeight("r2Weight", r2Weight);
    if (penaltyInterval < 1) {
      throw new InvalidConfigException("penaltyInterval", "must be at least 1, got " + penaltyInterval);
    }
    if (penaltyInterval > 1 && r1Weight == 0f && r2Weight == 0f) {
      throw new InvalidConfigException("penaltyInterval",
          "spaces the R1/R2 penalties, but both are off; set r1Weight or r2Weight, or leave penaltyInterval at 1");
    }
  }

  /** Whether the kernels of the network of that name are spectrally normalized. */
  public boolean normalizesSpectrally(String network) {
    return spectralNorm.contains(network);
  }

  private static void requireWeight(String field, float weight) {
    if (!(weight >= 0) || Float.isInfinite(weight)) {
      throw new InvalidConfigException(field, "must be 0 (off) or more, got " + weight);
    }
  }
}
