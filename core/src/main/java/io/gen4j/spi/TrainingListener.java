package io.gen4j.spi;

/**
 * Observes a training run. Every method has a no-op default, so a listener overrides only what it
 * needs. Events are immutable; a listener cannot change the run. Listeners are called on the training
 * thread, so they should be quick or hand work off.
 */
public interface TrainingListener {

  /** Before the first step of this process (also after a resume). */
  default void onStart(TrainingStarted event) {}

  /** After each logged step, with the metrics averaged since the previous one. */
  default void afterStep(StepCompleted event) {}

  /** When samples from the fixed noise batch are ready (every sample interval and at the end). */
  default void onSamples(SamplesReady event) {}

  /** When the run notices a problem worth a look (divergence, mode collapse, a rollback). */
  default void onWarning(TrainingWarning event) {}

  /** After a checkpoint has been written. */
  default void onCheckpoint(CheckpointSaved event) {}

  /** After the last step, once the final checkpoint and samples are written. */
  default void onEnd(TrainingEnded event) {}

  /** When the run stops with an error; the last good checkpoint is kept. */
  default void onFailure(TrainingFailed event) {}
}
