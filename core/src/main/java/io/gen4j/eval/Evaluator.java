package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageShape;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores sets of images against a dataset's test split in a feature space: every metric of one row of
 * the evaluation table (IS and class coverage only where the space classifies the dataset's classes).
 * The test split is embedded once, when the evaluator is created.
 */
public final class Evaluator {

  /** Images drawn and embedded at a time. */
  public static final int BATCH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final FeatureSpace space;
  private final EvaluationSettings settings;
  private final Embedding test;
  private final ImageShape testShape;
  private double[] testRadii;

  /**
   * @param space the feature space (not closed by the evaluator)
   * @param test the test split
   */
  public Evaluator(FeatureSpace space, ImageDataset test, EvaluationSettings settings) {
    this.space = requireNonNull(space, "space is null");
    this.settings = requireNonNull(settings, "settings is null");
    requireNonNull(test, "test is null");
    if (!space.accepts(test.shape())) {
      throw new IllegalArgumentException(test.name() + ": images are " + test.shape() + " but the feature space ("
          + space.summary().description() + ") does not take them");
    }
    this.test = space.embed(DatasetImages.all(test));
    this.testShape = test.shape();
  }

  /** The metrics of the images a source hands over. */
  public SampleMetrics score(SampleSource source) {
    long start = System.nanoTime();
    return score(source.name(), embed(source), start);
  }

  /**
   * The metrics of images a conditional model drew for given labels: the row, and the feature network's
   * accuracy on the labels with the per-class FIDs against the test images of each class.
   *
   * @param requested the label each image of the source was drawn for, in order
   * @param testLabels the labels of the test split this evaluator was made with
   */
  public ConditionalScore scoreConditional(SampleSource source, int[] requested, int[] testLabels) {
    if (space.datasetClasses() == 0) {
      throw new IllegalArgumentException("the feature space (" + space.summary().description()
          + ") does not classify the dataset's classes, so a conditional model's label accuracy cannot be scored");
    }
    long start = System.nanoTime();
    Embedding samples = embed(source);
    SampleMetrics row = score(source.name(), samples, start);
    return new ConditionalScore(row,
        ConditionalMetrics.of(samples, requested, test, testLabels, space.datasetClasses()));
  }

  /**
   * A conditional model's row and its class metrics.
   *
   * @param row the metrics every model gets
   * @param conditional accuracy on the requested labels and per-class FID
   */
  public record ConditionalScore(SampleMetrics row, ConditionalMetrics conditional) {}

  private Embedding embed(SampleSource source) {
    requireNonNull(source, "source is null");
    if (!source.shape().equals(testShape)) {
      throw new IllegalArgumentException(source.name() + ": images are " + source.shape()
          + " but the test split has " + testShape);
    }
    List<Embedding> parts = new ArrayList<>();
    source.forEachBatch(BATCH, batch -> {
      parts.add(space.embed(batch));
      LOG.info("embedded {}/{} images of {}", parts.stream().mapToInt(Embedding::count).sum(), source.count(),
          source.name());
    });
    return Embedding.concatenate(parts);
  }

  private SampleMetrics score(String name, Embedding samples, long start) {
    double fid = FrechetDistance.between(test.features(), samples.features());
    KernelInceptionDistance kid = KernelInceptionDistance.between(test.features(), samples.features(),
        settings.kidSubsets(), settings.kidSubsetSize(), settings.seed());
    Double inceptionScore = null;
    Double classKl = null;
    long[] histogram = null;
    if (space.datasetClasses() > 0) {
      inceptionScore = InceptionScore.of(samples.probabilities());
      ClassCoverage coverage = ClassCoverage.of(samples.predictedClasses(), space.datasetClasses());
      classKl = coverage.klToUniform();
      histogram = coverage.counts();
    }
    PrecisionRecall precisionRecall = precisionRecall(samples.features());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new SampleMetrics(name, samples.count(), fid, kid.mean(), kid.standardDeviation(),
        inceptionScore, classKl, histogram, precisionRecall.precision(), precisionRecall.recall(), seconds);
  }

  /** Precision and recall against the test split, whose k-NN radii are computed for the first row only. */
  private PrecisionRecall precisionRecall(Features samples) {
    if (testRadii == null) {
      testRadii = PrecisionRecall.realRadii(test.features(), settings.neighbours());
    }
    return PrecisionRecall.between(test.features(), testRadii, samples, settings.neighbours());
  }
}
