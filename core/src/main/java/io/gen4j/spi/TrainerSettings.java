package io.gen4j.spi;

/**
 * Settings a model passes to its trainer.
 *
 * @param discriminatorSteps for adversarial training, discriminator (critic) updates per generator
 *     update, at least 1
 */
public record TrainerSettings(int discriminatorSteps) {

  /** One update of each objective per iteration. */
  public static final TrainerSettings DEFAULT = new TrainerSettings(1);

  public TrainerSettings {
    if (discriminatorSteps < 1) {
      throw new InvalidConfigException(
          "discriminatorSteps", "must be at least 1, got " + discriminatorSteps);
    }
  }
}
