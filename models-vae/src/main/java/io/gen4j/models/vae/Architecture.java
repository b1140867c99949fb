package io.gen4j.models.vae;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of encoder and decoder networks of the {@code vae} ({@code model.encoder}). */
public enum Architecture {

  /** Fully connected: the image flattened, then the hidden layers; the decoder mirrors them. */
  @JsonProperty("mlp")
  MLP,

  /**
   * Stride-2 3x3 convolutions with ReLU before the hidden layers; the decoder mirrors them with
   * transposed convolutions.
   */
  @JsonProperty("conv")
  CONV
}
