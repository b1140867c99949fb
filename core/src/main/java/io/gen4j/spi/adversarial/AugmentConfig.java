package io.gen4j.spi.adversarial;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Differentiable augmentation of every image the discriminator sees, real and generated
 * ({@code model.stabilizers.augment}): DiffAugment (Zhao et al. 2020) with a fixed probability, or ADA's
 * adaptive probability (Karras et al. 2020). Each augmentation of the policy applies to each image with
 * probability p, drawn per image from the run's noise (so a resumed run draws the same).
 *
 * @param policy the augmentations, applied in this order; default color, translation, cutout (DiffAugment's)
 * @param probability p, in [0, 1]; default 1 (DiffAugment) or, with {@code adaptive}, 0 (ADA's start)
 * @param adaptive ADA: p adjusted after each discriminator update toward the target overfitting measure;
 *     default none (p fixed)
 */
@JsonClassDescription("Differentiable augmentation of the images the discriminator sees (DiffAugment; ADA with"
    + " adaptive); null (default) for none.")
public record AugmentConfig(
    @JsonPropertyDescription("The augmentations, in order: any of color, translation, cutout; default all three.")
    List<Augmentation> policy,
    @DecimalMin("0") @DecimalMax("1")
    @JsonPropertyDescription("Probability that each augmentation applies to an image; default 1, or 0 as the start"
        + " of an adaptive probability.")
    Float probability,
    @JsonPropertyDescription("ADA's adaptive probability, e.g. {\"target\": 0.6}; null (default) keeps it fixed.")
    Optional<Adaptive> adaptive) {

  /** DiffAugment's policy. */
  public static final List<Augmentation> DEFAULT_POLICY =
      List.of(Augmentation.COLOR, Augmentation.TRANSLATION, Augmentation.CUTOUT);

  public AugmentConfig {
    policy = policy == null ? DEFAULT_POLICY : List.copyOf(policy);
    adaptive = adaptive == null ? Optional.empty() : adaptive;
    probability = probability == null ? (adaptive.isPresent() ? 0f : 1f) : probability;
    if (policy.isEmpty()) {
      throw new InvalidConfigException("policy", "lists no augmentation; use any of color, translation, cutout");
    }
    Set<Augmentation> seen = new HashSet<>();
    for (Augmentation augmentation : policy) {
      if (augmentation == null || !seen.add(augmentation)) {
        throw new InvalidConfigException("policy", "lists " + (augmentation == null ? "null" : "an augmentation twice")
            + "; use each of color, translation, cutout at most once");
      }
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new InvalidConfigException("probability", "must be in [0, 1], got " + probability);
    }
  }

  /**
   * ADA's adjustment (Karras et al. 2020): after each discriminator update, p moves by batch / images
   * toward more augmentation when r = E[sign(D(x))] over the real batch exceeds the target (the
   * discriminator is overconfident on real images), toward less otherwise, within [0, 1].
   *
   * @param target the target r, in (0, 1); default 0.6 (the paper's)
   * @param images images over which p can move from 0 to 1; default 500,000 (the paper's)
   */
  @JsonClassDescription("ADA's adaptive augmentation probability.")
  public record Adaptive(
      @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
      @JsonPropertyDescription("Target of E[sign(D(x))] on real images; default 0.6.")
      Float target,
      @Min(1) @JsonPropertyDescription("Images over which p can move from 0 to 1; default 500000.")
      Long images) {

    /** The paper's target. */
    public static final float DEFAULT_TARGET = 0.6f;

    /** The paper's speed. */
    public static final long DEFAULT_IMAGES = 500_000;

    public Adaptive {
      target = target == null ? DEFAULT_TARGET : target;
      images = images == null ? DEFAULT_IMAGES : images;
      if (!(target > 0 && target < 1)) {
        throw new InvalidConfigException("target", "must be in (0, 1), e.g. 0.6, got " + target);
      }
      if (images < 1) {
        throw new InvalidConfigException("images", "must be at least 1, got " + images);
      }
    }
  }
}
