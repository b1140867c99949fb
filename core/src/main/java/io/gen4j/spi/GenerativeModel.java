package io.gen4j.spi;

/**
 * A generative model for one config: it builds its TensorFlow graph once, into the graph core gives
 * it, and core then trains, samples, checkpoints and exports it through the returned {@link
 * ModelGraph}.
 */
public interface GenerativeModel {

  /** The {@link TrainerProvider#name() trainer} that runs this model's objectives, e.g. "adversarial". */
  String trainer();

  /** How often the trainer runs each objective; one update of each per iteration by default. */
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

  /** Size of the latent vector the sampler decodes. */
  int latentSize();

  /**
   * Adds the model's placeholders, variables, losses and sampling path to the context's graph. Called
   * once per graph; never adds ops afterwards.
   */
  ModelGraph build(GraphContext context);
}
