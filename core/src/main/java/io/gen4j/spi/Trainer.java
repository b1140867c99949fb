package io.gen4j.spi;

import java.util.Map;

/**
 * The step of training: which objectives one iteration updates, and how often. Everything around it
 * (data, noise, checkpoints, logging, sampling) is core's generic loop.
 */
public interface Trainer {

  /** Batches of real images one iteration consumes, so that epochs can be converted to steps. */
  int batchesPerIteration();

  /**
   * Runs one iteration.
   *
   * @return the iteration's metrics by name, such as {@code d_loss} and {@code g_loss}
   */
  Map<String, Float> iteration(ObjectiveRunner runner);
}
