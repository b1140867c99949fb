package io.gen4j.models.vae;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The decoder's distribution p(x | z) over pixel values ({@code model.likelihood}). Bernoulli suits
 * binarized data (MNIST); the two others model the 256 levels of 8-bit images (colour photos, emoji), and
 * their held-out numbers are also reported in bits per dimension, as the literature does.
 */
public enum Likelihood {

  /**
   * One Bernoulli per value, its logit from the decoder, on data binarized as {@code model.binarize}
   * says. Samples are the Bernoulli means.
   */
  @JsonProperty("bernoulli")
  BERNOULLI(1, null),

  /**
   * A Gaussian per value with mean and log standard deviation from the decoder (the log standard deviation
   * kept at or above {@value VariationalBound#MINIMUM_LOG_SCALE}), on 8-bit data dequantized with uniform
   * noise: y = (k + u) / 256 for level k and u ~ U[0, 1). Its negative log-density plus D ln 256 bounds the
   * negative log-probability of the levels from above (Theis et al. 2016), so its numbers are comparable
   * with discrete likelihoods. Samples are the means, clipped to [0, 1].
   */
  @JsonProperty("gaussian")
  GAUSSIAN(2, "8-bit levels, uniform dequantization, Gaussian decoder"),

  /**
   * A logistic per value with location and log scale from the decoder, discretized into the 256 bins of
   * the levels k / 255, the edge bins taking the tails (Salimans et al. 2017, PixelCNN++, one component):
   * an exact probability of each level. Samples are the locations, clipped to [0, 1].
   */
  @JsonProperty("discretized-logistic")
  DISCRETIZED_LOGISTIC(2, "8-bit levels, discretized logistic decoder");

  private final int parametersPerValue;
  private final String protocol;

  Likelihood(int parametersPerValue, String protocol) {
    this.parametersPerValue = parametersPerValue;
    this.protocol = protocol;
  }

  /** Whether it models the 256 levels of 8-bit data, so that bits per dimension are reported. */
  public boolean continuous() {
    return this != BERNOULLI;
  }

  /** Outputs of the decoder per pixel value: 1 (logit) or 2 (location and log scale). */
  int parametersPerValue() {
    return parametersPerValue;
  }

  /**
   * The protocol reported with every number, for the continuous likelihoods; the Bernoulli one names its
   * binarization instead.
   */
  String protocol(Binarization binarization) {
    return protocol != null ? protocol : binarization.protocol();
  }
}
