package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores sets of images against a dataset's test split with a feature network: every metric of one
 * row of the evaluation table. The test split is embedded once, when the evaluator is created.
 */
public final class Evaluator {

  /** Images drawn and embedded at a time. */
  public static final int BATCH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final FeatureNetwork network;
  private final EvaluationSettings settings;
  private final Embedding test;
  private double[] testRadii;

  /**
   * @param network the dataset's feature network (not closed by the evaluator)
   * @param test the test split
   */
  public Evaluator(FeatureNetwork network, ImageDataset test, EvaluationSettings settings) {
    this.network = requireNonNull(network, "network is null");
    this.settings = requireNonNull(settings, "settings is null");
    requireNonNull(test, "test is null");
    this.test = network.embed(DatasetImages.all(test));
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
    long start = System.nanoTime();
    Embedding samples = embed(source);
    SampleMetrics row = score(source.name(), samples, start);
    return new ConditionalScore(row, ConditionalMetrics.of(samples, requested, test, testLabels, network.classes()));
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
    if (!source.shape().equals(network.shape())) {
      throw new IllegalArgumentException(source.name() + ": images are " + source.shape()
          + " but the dataset's feature network takes " + network.shape());
    }
    List<Embedding> parts = new ArrayList<>();
    source.forEachBatch(BATCH, batch -> {
      parts.add(network.embed(batch));
      LOG.info("embedded {}/{} images of {}", parts.stream().mapToInt(Embedding::count).sum(), source.count(),
          source.name());
    });
    return Embedding.concatenate(parts);
  }

  private SampleMetrics score(String name, Embedding samples, long start) {
    double fid = FrechetDistance.between(test.features(), samples.features());
    KernelInceptionDistance kid = KernelInceptionDistance.between(test.features(), samples.features(),
        settings.kidSubsets(), settings.kidSubsetSize(), settings.seed());
    double inceptionScore = InceptionScore.of(samples.probabilities());
    ClassCoverage coverage = ClassCoverage.of(samples.predictedClasses(), network.classes());
    PrecisionRecall precisionRecall = precisionRecall(samples.features());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new SampleMetrics(name, samples.count(), fid, kid.mean(), kid.standardDeviation(),
        inceptionScore, coverage.klToUniform(), coverage.counts(), precisionRecall.precision(),
        precisionRecall.recall(), seconds);
  }

  /** Precision and recall against the test split, whose k-NN radii are computed for the first row only. */
  private PrecisionRecall precisionRecall(Features samples) {
    if (testRadii == null) {
      testRadii = PrecisionRecall.realRadii(test.features(), settings.neighbours());
    }
    return PrecisionRecall.between(test.features(), testRadii, samples, settings.neighbours());
  }
}
