package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.export.NpyImages;
import io.gen4j.report.RunReport;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.Experiments;
import io.gen4j.train.RunDirectory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code gen4j eval} does: scores a run's samples, or a file of samples, against a dataset's test
 * split beside the reference row, and writes {@code eval.json}.
 */
@Singleton
public final class Evaluations {

  private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);

  private final Experiments experiments;

  @Inject
  public Evaluations(Experiments experiments) {
    this.experiments = requireNonNull(experiments, "experiments is null");
  }

  /**
   * Evaluates {@code settings.samples()} images generated from a run's latest checkpoint against the
   * run's dataset, writes the report to {@code eval.json} in the run directory, and rewrites the run
   * report ({@code index.html}) to show it.
   */
  public EvaluationReport evaluateRun(Path runDirectory, EvaluationSettings settings, FeatureSpaceProvider features) {
    RunDirectory run = RunDirectory.open(runDirectory);
    EvaluationDataset dataset = EvaluationDataset.of(experiments.runDataset(run.path()));
    return evaluateRun(run.path(), dataset, settings, features);
  }

  /** {@link #evaluateRun(Path, EvaluationSettings, FeatureSpaceProvider)} against the given splits. */
  public EvaluationReport evaluateRun(
      Path runDirectory, EvaluationDataset dataset, EvaluationSettings settings, FeatureSpaceProvider features) {
    RunDirectory run = RunDirectory.open(runDirectory);
    RunSamples samples = new RunSamples(experiments, run.path(), settings.samples(), settings.seed());
    EvaluationReport report = evaluate(samples, samples.conditional() ? Optional.of(samples.labels()) : Optional.empty(),
        dataset, settings, features, RunMetrics.latest(run.metricsFile()));
    report.write(run.path().resolve(EvaluationReport.FILE_NAME));
    RunReport.rewrite(run.path());
    return report;
  }

  /**
   * Evaluates images another tool wrote to a {@code .npy} file (see {@link NpyImages}) and writes the
   * report to {@code out}.
   *
   * @param limit score only the first {@code limit} images; 0 for all
   */
  public EvaluationReport evaluateSamples(
      Path samplesFile, int limit, EvaluationDataset dataset, EvaluationSettings settings,
      FeatureSpaceProvider features, Path out) {
    requireNonNull(out, "out is null");
    ImageBatch images = NpyImages.read(samplesFile);
    if (limit < 0) {
      throw new IllegalArgumentException("the number of samples must not be negative, got " + limit);
    }
    if (limit > images.count()) {
      throw new IllegalArgumentException(
          samplesFile + ": holds " + images.count() + " images, fewer than the " + limit + " asked for");
    }
    if (limit > 0 && limit < images.count()) {
      images = new ImageBatch(images.shape(), limit, Arrays.copyOf(images.toArray(), limit * images.shape().size()));
    }
    if (!images.shape().equals(dataset.test().shape())) {
      throw new IllegalArgumentException(samplesFile + ": images are " + images.shape() + " but " + dataset.name()
          + " has " + dataset.test().shape());
    }
    EvaluationReport report = evaluate(new ImageSamples(samplesFile.toString(), images), dataset,
        settings.withSamples(images.count()), features, Map.of());
    report.write(out);
    return report;
  }

  /**
   * Scores a source and the reference row ({@code source.count()} random train images) against the
   * test split, in the feature space {@code features} opens for the dataset. Writes nothing.
   *
   * @param runMetrics held-out metrics to carry into the report
   */
  public static EvaluationReport evaluate(
      SampleSource source, EvaluationDataset dataset, EvaluationSettings settings, FeatureSpaceProvider features,
      Map<String, RunMetrics.LoggedValue> runMetrics) {
    return evaluate(source, Optional.empty(), dataset, settings, features, runMetrics);
  }

  /**
   * {@link #evaluate(SampleSource, EvaluationDataset, EvaluationSettings, FeatureSpaceProvider, Map)}; for
   * images drawn for given labels, also the feature network's accuracy on them and the per-class FIDs
   * ({@link ConditionalMetrics}).
   *
   * @param requested the label each image of the source was drawn for, or empty
   */
  public static EvaluationReport evaluate(
      SampleSource source, Optional<int[]> requested, EvaluationDataset dataset, EvaluationSettings settings,
      FeatureSpaceProvider features, Map<String, RunMetrics.LoggedValue> runMetrics) {
    requireNonNull(source, "source is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(features, "features is null");
    try (FeatureSpace space = features.open(dataset)) {
      Evaluator evaluator = new Evaluator(space, dataset.test(), settings);
      LOG.info("scoring {} images of {}", source.count(), source.name());
      SampleMetrics model;
      Optional<ConditionalMetrics> conditional = Optional.empty();
      if (requested.isPresent()) {
        Evaluator.ConditionalScore score = evaluator.scoreConditional(source, requested.get(), testLabels(dataset));
        model = score.row();
        conditional = Optional.of(score.conditional());
      } else {
        model = evaluator.score(source);
      }
      LOG.info("scoring the reference row: {} images of {}", source.count(), dataset.train().name());
      SampleMetrics reference = evaluator.score(DatasetSamples.random(dataset.train(), source.count(), settings.seed()));
      return new EvaluationReport(dataset.name(), dataset.test().count(),
          space.summary(), settings, model, reference, runMetrics,
          Instant.now().toString(), conditional);
    }
  }

  private static int[] testLabels(EvaluationDataset dataset) {
    if (!dataset.test().labelled()) {
      throw new IllegalArgumentException(dataset.test().name() + " has no labels to score a conditional model's classes against");
    }
    byte[] labels = dataset.test().labels();
    int[] values = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      values[i] = Byte.toUnsignedInt(labels[i]);
    }
    return values;
  }
}
