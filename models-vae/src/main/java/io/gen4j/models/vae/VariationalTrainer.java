package io.gen4j.models.vae;

import io.gen4j.spi.ObjectiveRunner;
import io.gen4j.spi.Trainer;
import java.util.Map;

/** One update of the {@code elbo} objective per iteration. */
final class VariationalTrainer implements Trainer {

  private final int batchesPerIteration;

  VariationalTrainer(int batchesPerIteration) {
    this.batchesPerIteration = batchesPerIteration;
  }

  @Override
  public int batchesPerIteration() {
    return batchesPerIteration;
  }

  @Override
  public Map<String, Float> iteration(ObjectiveRunner runner) {
    return runner.update(VariationalTrainerProvider.OBJECTIVE);
  }
}
