package io.gen4j.train.adversarial;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.TrainerSettings;

/**
 * A base for GANs built with {@link AdversarialGraph}: the {@code adversarial} trainer, images in
 * [-1, 1] (tanh generators), a latent size, and the critic steps of its {@link AdversarialSettings}. A
 * subclass builds its two networks in {@link GenerativeModel#build}, usually by passing {@link
 * #settings()} and {@link #latentSize()} to {@link AdversarialGraph#build}.
 */
public abstract class AdversarialModel implements GenerativeModel {

  private final int latentSize;
  private final AdversarialSettings settings;

  /**
   * @param latentSize size of the noise vector z, at least 1
   * @param settings loss, constraint, critic steps and weight averaging
   */
  protected AdversarialModel(int latentSize, AdversarialSettings settings) {
    if (latentSize < 1) {
      throw new IllegalArgumentException("latentSize must be at least 1, got " + latentSize);
    }
    this.latentSize = latentSize;
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** The settings shared by every GAN. */
  protected final AdversarialSettings settings() {
    return settings;
  }

  @Override
  public final String trainer() {
    return AdversarialTrainerProvider.NAME;
  }

  @Override
  public final TrainerSettings trainerSettings() {
    return new TrainerSettings(settings.discriminatorSteps());
  }

  @Override
  public PixelRange pixelRange() {
    return PixelRange.SYMMETRIC;
  }

  @Override
  public final int latentSize() {
    return latentSize;
  }
}
