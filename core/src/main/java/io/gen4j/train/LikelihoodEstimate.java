package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An importance-sampled estimate of a model's negative log-likelihood on a held-out dataset: the IWAE
 * bound of Burda et al., {@code -log (1/k) sum_i p(x, z_i) / q(z_i | x)} with z_i drawn from q(z | x),
 * averaged over the images. It bounds the true negative log-likelihood from above and tightens as
 * {@code samples} grows; with one sample its expectation is the negative ELBO.
 *
 * @param step the number of completed training steps of the scored weights
 * @param dataset the dataset scored, e.g. {@code mnist-test}
 * @param images how many images were scored
 * @param protocol how images became observations, e.g. "dynamic binarization"
 * @param samples k, the draws of z per image
 * @param negativeLogLikelihood the estimate, in nats per image
 * @param standardError the standard error of that mean over the images
 * @param scores the model's other scores (such as {@code negative_elbo}) on the same observations
 * @param dimensions values per image (height x width x channels), what bits per dimension divide by
 */
public record LikelihoodEstimate(
    long step,
    String dataset,
    int images,
    String protocol,
    int samples,
    double negativeLogLikelihood,
    double standardError,
    Map<String, Double> scores,
    int dimensions) {

  public LikelihoodEstimate {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(protocol, "protocol is null");
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be at least 1, got " + dimensions);
    }
  }

  /** The estimate in bits per dimension: nats / (dimensions ln 2), the unit of the 8-bit image literature. */
  public double bitsPerDimension() {
    return negativeLogLikelihood / (dimensions * Math.log(2));
  }
}
