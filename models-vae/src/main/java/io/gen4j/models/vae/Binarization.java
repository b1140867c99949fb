package io.gen4j.models.vae;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the {@code vae} turns intensities in [0, 1] into the data its Bernoulli likelihood is defined on
 * ({@code model.binarize}). Every number the model reports names its protocol, since numbers from
 * different protocols are not comparable.
 */
public enum Binarization {

  /**
   * Every pixel is drawn from Bernoulli(intensity) anew for each batch, in the graph from the run's noise
   * stream: the protocol of the VAE literature (Burda et al.'s 86.76 nats). Held-out images are drawn
   * once per scoring, with the same draws at every scoring of a run.
   */
  @JsonProperty("dynamic")
  DYNAMIC("dynamic binarization"),

  /** Every pixel is thresholded at 0.5, the same way every time. */
  @JsonProperty("fixed")
  FIXED("fixed binarization at 0.5"),

  /**
   * Intensities are used as they are, as the targets of the cross-entropy. The Bernoulli "likelihood" of
   * grey levels is not normalized, so its numbers are cross-entropies, not comparable with the literature's.
   */
  @JsonProperty("none")
  NONE("grey levels, no binarization");

  private final String protocol;

  Binarization(String protocol) {
    this.protocol = protocol;
  }

  /** The protocol's name, reported beside every number. */
  public String protocol() {
    return protocol;
  }
}
