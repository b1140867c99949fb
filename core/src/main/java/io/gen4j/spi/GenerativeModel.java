package io.gen4j.spi;

/**
 * A generative model for one config: it builds its TensorFlow graph once, into the graph core gives
 * it, and core then trains, samples, checkpoints and exports it through the returned {@link
 * ModelGraph}.
 */
public interface GenerativeModel {

  /** The name of core's default trainer, which runs each objective in order once per step. */
  String SEQUENTIAL_TRAINER = "sequential";

  /**
   * The {@link TrainerProvider#name() trainer} that runs this model's objectives: core's {@value
   * #SEQUENTIAL_TRAINER} trainer by default, which runs each objective of {@link ModelGraph#objectives()}
   * in order, as often per step as {@link #trainerSettings()} says. A model that needs another schedule
   * names a trainer plugin.
   */
  default String trainer() {
    return SEQUENTIAL_TRAINER;
  }

  /** How often the trainer runs each objective per step; one update of each by default. */
  default TrainerSettings trainerSettings() {
    return TrainerSettings.DEFAULT;
  }

  /**
   * Whether the model reads the class labels of real batches ({@link GraphContext#realLabels()}), as a
   * conditional model does. Core then refuses datasets without labels, with an error naming the
   * dataset, and feeds each real batch's labels. False by default.
   */
  default boolean usesLabels() {
    return false;
  }

  /** The range real images are scaled to before they are fed, and that samples come out in. */
  PixelRange pixelRange();

  /**
   * Adds the model's placeholders, variables, losses and sampling path to the context's graph. Called
   * once per graph; never adds ops afterwards. The latent size is the width of the returned graph's
   * {@link ModelGraph#latent()} placeholder.
   */
  ModelGraph build(GraphContext context);
}
