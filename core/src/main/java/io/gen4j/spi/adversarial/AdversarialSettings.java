package io.gen4j.spi.adversarial;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.InvalidConfigException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings every GAN shares, validated together: the loss, the critic's Lipschitz constraint, the
 * critic updates per generator update and the generator's weight average. Built with {@link
 * #builder(AdversarialLoss)} (or {@link #of(AdversarialLoss)} for the defaults):
 *
 * <pre>{@code
 * AdversarialSettings.builder(StandardLoss.WASSERSTEIN).gradientPenalty(10).discriminatorSteps(5).build();
 * AdversarialSettings.builder(new MyRelativisticLoss()).weightAverage(new WeightAverageConfig(0.999f, 0L)).build();
 * }</pre>
 *
 * <p>Model configs hold these as flat fields of the same names ({@code model.loss}, {@code
 * model.constraint}, {@code model.gradientPenaltyWeight}, ...) and build the settings in their compact
 * constructor with {@link Builder#constraint}, {@link Builder#gradientPenaltyWeight} and {@link
 * Builder#clipValue}, so that a mistake names the field. Later settings join as builder methods with
 * defaults, so code written against this class keeps compiling.
 */
public final class AdversarialSettings {

  /** Default gradient-penalty weight (Gulrajani et al.). */
  public static final float DEFAULT_GRADIENT_PENALTY_WEIGHT = 10f;

  /** Default clipping limit (Arjovsky et al.). */
  public static final float DEFAULT_CLIP_VALUE = 0.01f;

  private final AdversarialLoss loss;
  private final LipschitzConstraint constraint;
  private final float gradientPenaltyWeight;
  private final float clipValue;
  private final int discriminatorSteps;
  private final Optional<WeightAverageConfig> ema;
  private final StabilizerConfig stabilizers;

  private AdversarialSettings(Builder builder) {
    this.loss = builder.loss;
    this.constraint = builder.constraint;
    this.gradientPenaltyWeight = builder.gradientPenaltyWeight;
    this.clipValue = builder.clipValue;
    this.discriminatorSteps = builder.discriminatorSteps;
    this.ema = builder.ema;
    this.stabilizers = builder.stabilizers;
    if (loss.needsLipschitzConstraint() && constraint == LipschitzConstraint.NONE) {
      throw new InvalidConfigException(
          "constraint", "the " + loss.id() + " loss needs a Lipschitz constraint: gradient-penalty or weight-clipping");
    }
    if (!loss.needsLipschitzConstraint() && constraint != LipschitzConstraint.NONE) {
      throw new InvalidConfigException(
          "constraint", constraintName(constraint) + " constrains a Wasserstein critic; it needs loss wasserstein, got "
              + loss.id());
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

  /** The defaults with this loss: no constraint, one critic update per generator update, no weight average. */
  public static AdversarialSettings of(AdversarialLoss loss) {
    return builder(loss).build();
  }

  /** Settings with this loss, the rest at their defaults until set. */
  public static Builder builder(AdversarialLoss loss) {
    return new Builder(loss);
  }

  /** The adversarial loss. */
  public AdversarialLoss loss() {
    return loss;
  }

  /** The critic's Lipschitz constraint; {@code none} unless the loss needs one. */
  public LipschitzConstraint constraint() {
    return constraint;
  }

  /** Lambda of the gradient penalty, used with {@link LipschitzConstraint#GRADIENT_PENALTY}. */
  public float gradientPenaltyWeight() {
    return gradientPenaltyWeight;
  }

  /** The weight-clipping limit, used with {@link LipschitzConstraint#WEIGHT_CLIPPING}. */
  public float clipValue() {
    return clipValue;
  }

  /** Discriminator (critic) updates per generator update, at least 1. */
  public int discriminatorSteps() {
    return discriminatorSteps;
  }

  /** The moving average of the generator's weights used for sampling, if any. */
  public Optional<WeightAverageConfig> ema() {
    return ema;
  }

  /** Spectral normalization and the R1/R2 penalties; {@link StabilizerConfig#NONE} unless set. */
  public StabilizerConfig stabilizers() {
    return stabilizers;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AdversarialSettings that
        && loss.equals(that.loss)
        && constraint == that.constraint
        && Float.compare(gradientPenaltyWeight, that.gradientPenaltyWeight) == 0
        && Float.compare(clipValue, that.clipValue) == 0
        && discriminatorSteps == that.discriminatorSteps
        && ema.equals(that.ema)
        && stabilizers.equals(that.stabilizers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loss, constraint, gradientPenaltyWeight, clipValue, discriminatorSteps, ema, stabilizers);
  }

  @Override
  public String toString() {
    return "AdversarialSettings[loss=" + loss.id() + ", constraint=" + constraintName(constraint)
        + ", gradientPenaltyWeight=" + gradientPenaltyWeight + ", clipValue=" + clipValue
        + ", discriminatorSteps=" + discriminatorSteps + ", ema=" + ema.map(Object::toString).orElse("none")
        + ", stabilizers=" + stabilizers + "]";
  }

  private static String constraintName(LipschitzConstraint constraint) {
    return constraint.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Collects settings; {@link #build()} validates them together. */
  public static final class Builder {
    private final AdversarialLoss loss;
    private LipschitzConstraint constraint = LipschitzConstraint.NONE;
    private float gradientPenaltyWeight = DEFAULT_GRADIENT_PENALTY_WEIGHT;
    private float clipValue = DEFAULT_CLIP_VALUE;
    private int discriminatorSteps = 1;
    private Optional<WeightAverageConfig> ema = Optional.empty();
    private StabilizerConfig stabilizers = StabilizerConfig.NONE;

    private Builder(AdversarialLoss loss) {
      if (loss == null) {
        throw new InvalidConfigException(
            "loss", "is required: minimax, non-saturating, wasserstein, hinge or least-squares");
      }
      this.loss = loss;
    }

    /** WGAN-GP's constraint: a gradient penalty of this weight (lambda, default 10) on the critic. */
    public Builder gradientPenalty(float weight) {
      return constraint(LipschitzConstraint.GRADIENT_PENALTY).gradientPenaltyWeight(weight);
    }

    /** The original WGAN's constraint: every critic weight clipped to [-limit, limit] after each update. */
    public Builder weightClipping(float limit) {
      return constraint(LipschitzConstraint.WEIGHT_CLIPPING).clipValue(limit);
    }

    /** The critic's constraint by its config value; its parameter keeps its default or what was set. */
    public Builder constraint(LipschitzConstraint value) {
      if (value == null) {
        throw new InvalidConfigException("constraint", "is required: none, weight-clipping or gradient-penalty");
      }
      this.constraint = value;
      return this;
    }

    /** Lambda of the gradient penalty (config field {@code gradientPenaltyWeight}), greater than 0. */
    public Builder gradientPenaltyWeight(float weight) {
      this.gradientPenaltyWeight = weight;
      return this;
    }

    /** The weight-clipping limit (config field {@code clipValue}), greater than 0. */
    public Builder clipValue(float limit) {
      this.clipValue = limit;
      return this;
    }

    /** Critic updates per generator update (nCritic), at least 1; each on a batch of its own. */
    public Builder discriminatorSteps(int steps) {
      this.discriminatorSteps = steps;
      return this;
    }

    /** Samples with an exponential moving average of the generator's weights. */
    public Builder weightAverage(WeightAverageConfig average) {
      this.ema = Optional.of(requireNonNull(average, "average is null"));
      return this;
    }

    /** Samples with a weight average if one is given (a config's {@code model.ema}), else with the raw weights. */
    public Builder weightAverage(Optional<WeightAverageConfig> average) {
      this.ema = requireNonNull(average, "average is null");
      return this;
    }

    /** Spectral normalization and the R1/R2 penalties (a config's {@code model.stabilizers}). */
    public Builder stabilizers(StabilizerConfig value) {
      this.stabilizers = requireNonNull(value, "stabilizers is null; StabilizerConfig.NONE for none");
      return this;
    }

    /**
     * The settings.
     *
     * @throws InvalidConfigException naming the field of a value out of range, or the constraint when it
     *     does not suit the loss
     */
    public AdversarialSettings build() {
      return new AdversarialSettings(this);
    }
  }
}
