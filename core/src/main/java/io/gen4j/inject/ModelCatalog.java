package io.gen4j.inject;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.util.Map;
import java.util.TreeMap;

/** The discovered model and trainer providers, and models created from configs. */
@Singleton
public final class ModelCatalog {

  private final Map<String, ModelProvider<?>> models;
  private final Map<String, TrainerProvider> trainers;

  @Inject
  public ModelCatalog(Map<String, ModelProvider<?>> models, Map<String, TrainerProvider> trainers) {
    this.models = new TreeMap<>(models);
    this.trainers = new TreeMap<>(trainers);
  }

  /** Model providers by name, sorted. */
  public Map<String, ModelProvider<?>> models() {
    return java.util.Collections.unmodifiableMap(models);
  }

  /** Trainer providers by name, sorted. */
  public Map<String, TrainerProvider> trainers() {
    return java.util.Collections.unmodifiableMap(trainers);
  }

  /** The provider of a model type. */
  public ModelProvider<?> provider(String type) {
    ModelProvider<?> provider = models.get(type);
    if (provider == null) {
      throw new IllegalArgumentException("unknown model type '" + type + "'; available: " + models.keySet());
    }
    return provider;
  }

  /** The model an experiment describes. */
  public GenerativeModel createModel(ExperimentConfig config) {
    return create(provider(config.modelType()), config.model());
  }

  /** The trainer a model asks for. */
  public TrainerProvider trainerFor(GenerativeModel model) {
    TrainerProvider trainer = trainers.get(model.trainer());
    if (trainer == null) {
      throw new PluginException(
          "the model asks for trainer '" + model.trainer() + "', which no plugin provides; available: "
              + trainers.keySet());
    }
    return trainer;
  }

  private static <C extends ModelConfig> GenerativeModel create(ModelProvider<C> provider, ModelConfig config) {
    return provider.create(provider.configClass().cast(config));
  }
}
