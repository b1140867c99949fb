package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.UserFacing;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.spi.TrainerSettings;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The usable model and trainer providers, and models and trainers created from them. Whatever a
 * plugin's code throws while it makes or builds a model, or makes a trainer, reaches the caller as a
 * {@link PluginException} naming the plugin's jar, the type and the cause (a {@link UserFacing} error,
 * such as an invalid config value, passes as it is).
 */
@Singleton
public final class ModelCatalog {

  private final Plugins plugins;

  @Inject
  public ModelCatalog(Plugins plugins) {
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  /** Model providers by name, sorted. */
  public Map<String, ModelProvider<?>> models() {
    Map<String, ModelProvider<?>> models = new TreeMap<>();
    plugins.models().forEach((name, found) -> models.put(name, found.provider()));
    return Collections.unmodifiableMap(models);
  }

  /** Trainer providers by name, sorted. */
  public Map<String, TrainerProvider> trainers() {
    Map<String, TrainerProvider> trainers = new TreeMap<>();
    plugins.trainers().forEach((name, found) -> trainers.put(name, found.provider()));
    return Collections.unmodifiableMap(trainers);
  }

  /** Every provider with the jar it came from, and the broken ones. */
  public Plugins plugins() {
    return plugins;
  }

  /** The provider of a model type. */
  public ModelProvider<?> provider(String type) {
    Discovered<ModelProvider<?>> found = plugins.models().get(type);
    if (found == null) {
      throw new IllegalArgumentException("unknown model type '" + type + "'; available: " + plugins.models().keySet());
    }
    return found.provider();
  }

  /** The model an experiment describes; its calls into the plugin name the plugin when they fail. */
  public GenerativeModel createModel(ExperimentConfig config) {
    String type = config.modelType();
    provider(type);
    Discovered<ModelProvider<?>> found = plugins.models().get(type);
    String subject = "model type '" + type + "'";
    GenerativeModel model = attributed(found.jar(), subject, "creating the model", () -> create(found.provider(), config.model()));
    if (model == null) {
      throw new PluginException(found.jar() + ": " + subject + ": create(config) returned null");
    }
    return new AttributedModel(model, found.jar(), subject);
  }

  /** The trainer a model asks for; its calls into the plugin name the plugin when they fail. */
  public TrainerProvider trainerFor(GenerativeModel model) {
    String name = model.trainer();
    Discovered<TrainerProvider> found = plugins.trainers().get(name);
    if (found == null) {
      throw new PluginException(
          "the model asks for trainer '" + name + "', which no plugin provides; available: " + plugins.trainers().keySet());
    }
    return new AttributedTrainerProvider(found.provider(), found.jar());
  }

  private static <C extends ModelConfig> GenerativeModel create(ModelProvider<C> provider, ModelConfig config) {
    return provider.create(provider.configClass().cast(config));
  }

  /**
   * Runs plugin code; a failure becomes a {@link PluginException} naming the jar, the subject and what
   * was being done, unless it is already meant for users.
   */
  static <T> T attributed(PluginJar jar, String subject, String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (e instanceof UserFacing) {
        throw e;
      }
      throw new PluginException(jar + ": " + subject + ": " + action + " failed: " + PluginDiscovery.describe(e), e);
    } catch (LinkageError e) {
      throw new PluginException(jar + ": " + subject + ": " + action + " failed: " + PluginDiscovery.describe(e), e);
    }
  }

  /** A plugin's trainer provider whose failures name the plugin. */
  private static final class AttributedTrainerProvider implements TrainerProvider {
    private final TrainerProvider provider;
    private final PluginJar jar;

    AttributedTrainerProvider(TrainerProvider provider, PluginJar jar) {
      this.provider = provider;
      this.jar = jar;
    }

    @Override
    public String name() {
      return provider.name();
    }

    @Override
    public String description() {
      return provider.description();
    }

    @Override
    public String spiVersion() {
      return provider.spiVersion();
    }

    @Override
    public Trainer create(ModelGraph graph, TrainerSettings settings) {
      return attributed(jar, "trainer '" + provider.name() + "'",
          "making a trainer for the objectives " + graph.objectiveNames(), () -> provider.create(graph, settings));
    }
  }

  /** A plugin's model whose failures name the plugin. */
  private static final class AttributedModel implements GenerativeModel {
    private final GenerativeModel model;
    private final PluginJar jar;
    private final String subject;

    AttributedModel(GenerativeModel model, PluginJar jar, String subject) {
      this.model = model;
      this.jar = jar;
      this.subject = subject;
    }

    @Override
    public String trainer() {
      return attributed(jar, subject, "trainer()", model::trainer);
    }

    @Override
    public TrainerSettings trainerSettings() {
      return attributed(jar, subject, "trainerSettings()", model::trainerSettings);
    }

    @Override
    public boolean usesLabels() {
      return attributed(jar, subject, "usesLabels()", model::usesLabels);
    }

    @Override
    public PixelRange pixelRange() {
      return attributed(jar, subject, "pixelRange()", model::pixelRange);
    }

    @Override
    public ModelGraph build(GraphContext context) {
      return attributed(jar, subject, "building its graph", () -> model.build(context));
    }
  }
}
