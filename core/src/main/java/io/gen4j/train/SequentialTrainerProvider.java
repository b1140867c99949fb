package io.gen4j.train;

import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.ObjectiveRunner;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.spi.TrainerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sequential}, the default trainer: each step runs every objective of the model's graph in
 * order, each as many times as the model's {@link TrainerSettings} say (once unless set), each
 * data-consuming update on a batch of its own. The metrics of an objective updated several times are
 * averaged over its updates, each metric over the updates that returned it: a metric that only some
 * updates compute (that of a {@linkplain io.gen4j.spi.Objective#withLazyTerm lazy term}) is the mean
 * of those, and is left out of a step none of whose updates computed it. A GAN's graph lists the
 * discriminator before the generator, so it trains k critic updates, then one generator update.
 */
public final class SequentialTrainerProvider implements TrainerProvider {

  @Override
  public String name() {
    return GenerativeModel.SEQUENTIAL_TRAINER;
  }

  @Override
  public String description() {
    return "each objective in order, as often per step as the model's trainer settings say (default)";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public Trainer create(ModelGraph graph, TrainerSettings settings) {
    for (String objective : settings.updatesPerStep().keySet()) {
      if (graph.objective(objective).isEmpty()) {
        throw new IllegalArgumentException("the trainer settings count updates of objective '" + objective
            + "', which the model does not have; it has " + graph.objectiveNames());
      }
    }
    if (graph.objectives().isEmpty()) {
      throw new IllegalArgumentException("the model has no objectives to train");
    }
    return new SequentialTrainer(graph.objectives(), settings);
  }

  /** The mean, as {@code sum(value / count)} in float, the order of the values. */
  private static float mean(List<Float> values) {
    float mean = 0f;
    for (float value : values) {
      mean += value / values.size();
    }
    return mean;
  }

  /** Runs the objectives in order. */
  private static final class SequentialTrainer implements Trainer {
    private final List<String> names;
    private final TrainerSettings settings;
    private final int batchesPerIteration;

    SequentialTrainer(List<Objective> objectives, TrainerSettings settings) {
      this.names = objectives.stream().map(Objective::name).toList();
      this.settings = settings;
      this.batchesPerIteration = objectives.stream()
          .filter(Objective::consumesData)
          .mapToInt(objective -> settings.updates(objective.name()))
          .sum();
    }

    @Override
    public int batchesPerIteration() {
      return batchesPerIteration;
    }

    @Override
    public Map<String, Float> iteration(ObjectiveRunner runner) {
      Map<String, Float> metrics = new LinkedHashMap<>();
      for (String objective : names) {
        int updates = settings.updates(objective);
        Map<String, List<Float>> values = new LinkedHashMap<>();
        for (int i = 0; i < updates; i++) {
          runner.update(objective)
              .forEach((name, value) -> values.computeIfAbsent(name, key -> new ArrayList<>()).add(value));
        }
        values.forEach((name, computed) -> metrics.put(name, mean(computed)));
      }
      return metrics;
    }
  }
}
