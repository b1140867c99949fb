package io.gen4j.train.adversarial;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.InvalidConfigException;

/**
 * The settings every GAN config shares, validated together. Model configs hold them as flat fields of
 * the same names ({@code model.loss}, {@code model.constraint}, ...) and build this record in their
 * compact constructor, so mistakes name the field.
 *
 * @param loss the adversarial loss
 * @param constraint the critic's Lipschitz constraint; only with the {@code wasserstein} loss, which
 *     needs one
 * @param gradientPenaltyWeight lambda of the gradient penalty, greater than 0 (default 10)
 * @param clipValue the weight-clipping limit, greater than 0 (default 0.01)
 * @param discriminatorSteps discriminator (critic) updates per generator update, at least 1
 * @param ema moving average of the generator's weights used for sampling, or null for none
 */
public record AdversarialSettings(
    AdversarialLoss loss,
    LipschitzConstraint constraint,
    float gradientPenaltyWeight,
    float clipValue,
    int discriminatorSteps,
    WeightAverageConfig ema) {

  /** Default gradient-penalty weight (Gulrajani et al.). */
  public static final float DEFAULT_GRADIENT_PENALTY_WEIGHT = 10f;

  /** Default clipping limit (Arjovsky et al.). */
  public static final float DEFAULT_CLIP_VALUE = 0.01f;

  public AdversarialSettings {
    if (loss == null) {
      throw new InvalidConfigException("loss", "is required: minimax, non-saturating, wasserstein, hinge or least-squares");
    }
    if (constraint == null) {
      throw new InvalidConfigException("constraint", "is required: none, weight-clipping or gradient-penalty");
    }
    if (loss.isWasserstein() && constraint == LipschitzConstraint.NONE) {
      throw new InvalidConfigException(
          "constraint", "the wasserstein loss needs a Lipschitz constraint: gradient-penalty or weight-clipping");
    }
    if (!loss.isWasserstein() && constraint != LipschitzConstraint.NONE) {
      throw new InvalidConfigException(
          "constraint", constraintName(constraint) + " constrains a Wasserstein critic; it needs loss wasserstein, got "
              + lossName(loss));
    }
    if (!(gradientPenaltyWeight > 0) || Float.isInfinite(gradientPenaltyWeight)) {
      throw new InvalidConfigException("gradientPenaltyWeight", "must be greater than 0, got " + gradientPenaltyWeight);
    }
    if (!(clipValue > 0) || Float.isInfinite(clipValue)) {
      throw new InvalidConfigException("clipValue", "must be greater than 0, got " + clipValue);
    }
    if (discriminatorSteps < 1) {
      throw new InvalidConfigException("discriminatorSteps", "must be at least 1, got " + discriminatorSteps);
    }
  }

  /** The config name of a loss, as in JSON. */
  static String lossName(AdversarialLoss loss) {
    return loss.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static String constraintName(LipschitzConstraint constraint) {
    return constraint.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
