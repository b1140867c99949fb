package io.gen4j.spi.adversarial;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.TrainerSettings;

/**
 * A base for GANs built with {@link AdversarialGraph}: images in [-1, 1] (tanh generators), core's
 * default trainer running the discriminator {@link AdversarialSettings#discriminatorSteps()} times per
 * generator update. A subclass builds its two networks in {@link GenerativeModel#build}, usually by
 * passing {@link #settings()} to {@link AdversarialGraph#build}.
 */
public abstract class AdversarialModel implements GenerativeModel {

  private final AdversarialSettings settings;

  /** @param settings loss, constraint, critic steps and weight averaging */
  protected AdversarialModel(AdversarialSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** The settings shared by every GAN. */
  protected final AdversarialSettings settings() {
    return settings;
  }

  @Override
  public final TrainerSettings trainerSettings() {
    return TrainerSettings.updates(AdversarialGraph.DISCRIMINATOR, settings.discriminatorSteps());
  }

  @Override
  public PixelRange pixelRange() {
    return PixelRange.SYMMETRIC;
  }
}
