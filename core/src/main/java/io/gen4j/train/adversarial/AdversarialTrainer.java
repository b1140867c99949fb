package io.gen4j.train.adversarial;

import io.gen4j.spi.ObjectiveRunner;
import io.gen4j.spi.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;

/** k discriminator updates, then one generator update; discriminator metrics are averaged over the k. */
final class AdversarialTrainer implements Trainer {

  private final int discriminatorSteps;
  private final int batchesPerIteration;

  AdversarialTrainer(int discriminatorSteps, boolean discriminatorConsumesData, boolean generatorConsumesData) {
    this.discriminatorSteps = discriminatorSteps;
    this.batchesPerIteration =
        (discriminatorConsumesData ? discriminatorSteps : 0) + (generatorConsumesData ? 1 : 0);
  }

  @Override
  public int batchesPerIteration() {
    return batchesPerIteration;
  }

  @Override
  public Map<String, Float> iteration(ObjectiveRunner runner) {
    Map<String, Float> metrics = new LinkedHashMap<>();
    for (int i = 0; i < discriminatorSteps; i++) {
      runner.update(AdversarialTrainerProvider.DISCRIMINATOR)
          .forEach((name, value) -> metrics.merge(name, value / discriminatorSteps, Float::sum));
    }
    metrics.putAll(runner.update(AdversarialTrainerProvider.GENERATOR));
    return metrics;
  }
}
