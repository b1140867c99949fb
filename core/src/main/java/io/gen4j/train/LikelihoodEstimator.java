package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.data.ImageDataset;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.Evaluation;
import java.nio.file.Path;

/**
 * Estimates the negative log-likelihood of a run's test split with its latest checkpoint, by
 * importance sampling (the IWAE bound), for models whose {@link Evaluation} has importance weights
 * (such as {@code vae}).
 */
@Singleton
public final class LikelihoodEstimator {

  /** The number of importance samples per image VAE papers report (Burda et al.). */
  public static final int DEFAULT_SAMPLES = 500;

  private final ModelCatalog catalog;
  private final Experiments experiments;
  private final DatasetCatalog datasets;

  @Inject
  public LikelihoodEstimator(ModelCatalog catalog, Experiments experiments, DatasetCatalog datasets) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.experiments = requireNonNull(experiments, "experiments is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
  }

  /**
   * The estimate over the test split of the run's dataset.
   *
   * @param samples k, importance samples per image, at least 1
   * @param limit score only the first {@code limit} test images; 0 for all
   * @param seed seeds the observations and draws; the same seed gives the same estimate
   * @throws IllegalArgumentException if the run's model has no importance weights
   */
  public LikelihoodEstimate estimate(Path runDirectory, int samples, int limit, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("the number of importance samples must be at least 1, got " + samples);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (all images) or more, got " + limit);
    }
    try (RestoredRun run = RestoredRun.open(experiments, catalog, runDirectory, "estimate a likelihood with")) {
      String type = run.config().modelType();
      Evaluation evaluation = run.assembly().modelGraph().evaluation()
          .filter(scores -> scores.logImportanceWeights().isPresent())
          .orElseThrow(() -> new IllegalArgumentException(
              "model " + type + " has no importance weights to estimate a likelihood with"));
      ImageDataset test = datasets.open(run.config().data()).test();
      if (limit > 0 && limit < test.count()) {
        test = test.slice(limit);
      }
      HeldOutEvaluator evaluator =
          new HeldOutEvaluator(run.session(), run.assembly(), evaluation, run.model().pixelRange(), seed);
      return evaluator.logLikelihood(test, samples, run.checkpoint().state().step());
    }
  }
}
