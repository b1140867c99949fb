package io.gen4j.models.vae;

import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.spi.TrainerSettings;

/**
 * {@code variational}: each iteration runs one update of the model's {@code elbo} objective (the
 * negative ELBO, or its beta-weighted form) on a new batch.
 */
public final class VariationalTrainerProvider implements TrainerProvider {

  /** The trainer's name, which models ask for. */
  public static final String NAME = "variational";

  /** The objective it updates. */
  public static final String OBJECTIVE = "elbo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one update of the negative ELBO per step, one optimizer for encoder and decoder";
  }

  @Override
  public Trainer create(ModelGraph graph, TrainerSettings settings) {
    Objective objective = graph.objective(OBJECTIVE)
        .orElseThrow(() -> new IllegalArgumentException(
            "the variational trainer needs an objective 'elbo'; the model has " + graph.objectiveNames()));
    return new VariationalTrainer(objective.consumesData() ? 1 : 0);
  }
}
