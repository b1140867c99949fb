package io.gen4j;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.gen4j.config.ConfigLoader;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.eval.Evaluations;
import io.gen4j.export.ModelExporter;
import io.gen4j.inject.Gen4jModule;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.train.Experiments;
import io.gen4j.train.LatentSpace;
import io.gen4j.train.LikelihoodEstimator;

/**
 * The entry point for code that uses gen4j as a library: discovers every model, trainer and dataset plugin on
 * the class path and hands out the services built on them.
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

  /** Discovers plugins visible to {@code loader}. */
  public static Gen4j create(ClassLoader loader) {
    return new Gen4j(Guice.createInjector(new Gen4jModule(loader)));
  }

  /** The discovered models and trainers. */
  public ModelCatalog catalog() {
    return injector.getInstance(ModelCatalog.class);
  }

  /** The discovered dataset types and the datasets configs name. */
  public DatasetCatalog datasets() {
    return injector.getInstance(DatasetCatalog.class);
  }

  /** Reads experiment configs for the discovered models. */
  public ConfigLoader configLoader() {
    return injector.getInstance(ConfigLoader.class);
  }

  /** Trains, resumes and samples runs. */
  public Experiments experiments() {
    return injector.getInstance(Experiments.class);
  }

  /** Reconstructions, interpolations and manifold grids of runs. */
  public LatentSpace latentSpace() {
    return injector.getInstance(LatentSpace.class);
  }

  /** Importance-sampled likelihood estimates of runs. */
  public LikelihoodEstimator likelihoodEstimator() {
    return injector.getInstance(LikelihoodEstimator.class);
  }

  /** Evaluates runs and sample files (FID, KID, IS, class coverage, precision and recall). */
  public Evaluations evaluations() {
    return injector.getInstance(Evaluations.class);
  }

  /** Exports runs' generators (or decoders) as TensorFlow SavedModels. */
  public ModelExporter exporter() {
    return injector.getInstance(ModelExporter.class);
  }
}
