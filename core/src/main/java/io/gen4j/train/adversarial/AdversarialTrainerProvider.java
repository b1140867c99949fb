package io.gen4j.train.adversarial;

import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.spi.TrainerSettings;

/**
 * {@code adversarial}: each iteration runs {@code discriminatorSteps} updates of the model's {@code
 * discriminator} objective, each on a new batch, then one update of its {@code generator} objective.
 */
public final class AdversarialTrainerProvider implements TrainerProvider {

  /** The trainer's name, which models return from {@code GenerativeModel.trainer()}. */
  public static final String NAME = "adversarial";

  /** The discriminator's (critic's) objective. */
  public static final String DISCRIMINATOR = "discriminator";

  /** The generator's objective. */
  public static final String GENERATOR = "generator";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "alternates discriminator (critic) and generator updates, k discriminator steps per generator step";
  }

  @Override
  public Trainer create(ModelGraph graph, TrainerSettings settings) {
    Objective discriminator = require(graph, DISCRIMINATOR);
    Objective generator = require(graph, GENERATOR);
    return new AdversarialTrainer(settings.discriminatorSteps(), discriminator.consumesData(), generator.consumesData());
  }

  private static Objective require(ModelGraph graph, String name) {
    return graph.objective(name)
        .orElseThrow(() -> new IllegalArgumentException(
            "the adversarial trainer needs objectives 'discriminator' and 'generator'; the model has "
                + graph.objectiveNames()));
  }
}
