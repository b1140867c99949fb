package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of the evaluation: the metrics of a set of images against the test split, in the feature
 * network's space.
 *
 * @param source where the images came from (run directory, file, or train split)
 * @param count the number of images scored
 * @param fid Fréchet distance ({@link FrechetDistance}); lower is better
 * @param kidMean KID, mean over subsets ({@link KernelInceptionDistance}); lower is better
 * @param kidStandardDeviation KID, standard deviation over subsets
 * @param inceptionScore Inception Score from the classifier's probabilities ({@link InceptionScore});
 *     higher is better, at most the number of classes; {@code null} when the feature space has no class
 *     probabilities
 * @param classKlToUniform KL of the predicted-class histogram to uniform ({@link ClassCoverage}); 0 is
 *     perfect coverage; {@code null} without class probabilities
 * @param classHistogram images predicted as each class; {@code null} without class probabilities
 * @param precision share of samples inside the test split's manifold ({@link PrecisionRecall})
 * @param recall share of test images inside the samples' manifold
 * @param seconds wall time to draw, embed and score the images
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleMetrics(
    String source,
    int count,
    double fid,
    double kidMean,
    double kidStandardDeviation,
    Double inceptionScore,
    Double classKlToUniform,
    long[] classHistogram,
    double precision,
    double recall,
    double seconds) {

  public SampleMetrics {
    requireNonNull(source, "source is null");
    if ((inceptionScore == null) != (classHistogram == null) || (classKlToUniform == null) != (classHistogram == null)) {
      throw new IllegalArgumentException("the class metrics (IS, class KL, histogram) come all together or not at all");
    }
    classHistogram = classHistogram == null ? null : classHistogram.clone();
  }

  /** Whether the class metrics (IS, class KL, histogram) were measured. */
  public boolean hasClassMetrics() {
    return classHistogram != null;
  }

  @Override
  public long[] classHistogram() {
    return classHistogram == null ? null : classHistogram.clone();
  }
}
