package io.gen4j;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.gen4j.config.ConfigLoader;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.eval.Evaluations;
import io.gen4j.export.ModelExporter;
import io.gen4j.inject.Gen4jModule;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.inject.PluginDiscovery;
import io.gen4j.inject.PluginException;
import io.gen4j.inject.Plugins;
import io.gen4j.train.Experiments;
import io.gen4j.train.LatentSpace;
import io.gen4j.train.LikelihoodEstimator;

/**
 * The entry point for code that uses gen4j as a library: discovers every model, trainer and dataset plugin
 * on the class path (or in the jars of a {@link io.gen4j.inject.PluginClassLoader}) and hands out the
 * services built on them. It refuses to start with a broken plugin ({@link PluginException}, one line
 * naming the jar); {@link PluginDiscovery#discover(ClassLoader)} lists usable and broken plugins without
 * failing.
 *
 * <pre>{@code
 * Gen4j gen4j = Gen4j.create();
 * ExperimentConfig config = gen4j.configLoader().load(Path.of("gan-mnist.json"));
 * TrainingResult result = gen4j.experiments().train(config, List.of());
 * }</pre>
 */
public final class Gen4j {

  private final Injector injector;

  private Gen4j(Injector injector) {
    this.injector = injector;
  }

  /** Discovers plugins with the thread's context class loader (or gen4j's own, if it has none). */
  public static Gen4j create() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return create(context != null ? context : Gen4j.class.getClassLoader());
  }

  /**
   * Discovers plugins visible to {@code loader}.
   *
   * @throws PluginException naming the jar, the provider and the cause when a plugin is broken
   */
  public static Gen4j create(ClassLoader loader) {
    Plugins plugins = PluginDiscovery.discover(loader).requireHealthy();
    try {
      return new Gen4j(Guice.createInjector(new Gen4jModule(plugins)));
    } catch (CreationException e) {
      throw translate(e.getErrorMessages().stream().map(Message::getCause).toList(), e);
    }
  }

  /** What Guice wrapped: a user-facing exception as it is, anything else as one sentence, never Guice's trace. */
  private static RuntimeException translate(java.util.List<Throwable> causes, RuntimeException guiceError) {
    for (Throwable cause : causes) {
      if (cause instanceof UserFacing && cause instanceof RuntimeException userFacing) {
        return userFacing;
      }
    }
    Throwable first = causes.stream().filter(java.util.Objects::nonNull).findFirst().orElse(guiceError);
    return new PluginException("cannot wire gen4j's services: " + first.getClass().getSimpleName() + ": "
        + first.getMessage(), guiceError);
  }

  private <T> T instance(Class<T> type) {
    try {
      return injector.getInstance(type);
    } catch (ProvisionException e) {
      throw translate(e.getErrorMessages().stream().map(Message::getCause).toList(), e);
    }
  }

  /** The discovered models and trainers. */
  public ModelCatalog catalog() {
    return instance(ModelCatalog.class);
  }

  /** The discovered dataset types and the datasets configs name. */
  public DatasetCatalog datasets() {
    return instance(DatasetCatalog.class);
  }

  /** Reads experiment configs for the discovered models. */
  public ConfigLoader configLoader() {
    return instance(ConfigLoader.class);
  }

  /** Trains, resumes and samples runs. */
  public Experiments experiments() {
    return instance(Experiments.class);
  }

  /** Reconstructions, interpolations and manifold grids of runs. */
  public LatentSpace latentSpace() {
    return instance(LatentSpace.class);
  }

  /** Importance-sampled likelihood estimates of runs. */
  public LikelihoodEstimator likelihoodEstimator() {
    return instance(LikelihoodEstimator.class);
  }

  /** Evaluates runs and sample files (FID, KID, IS, class coverage, precision and recall). */
  public Evaluations evaluations() {
    return instance(Evaluations.class);
  }

  /** Exports runs' generators (or decoders) as TensorFlow SavedModels. */
  public ModelExporter exporter() {
    return instance(ModelExporter.class);
  }
}
