package io.gen4j.spi.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a Wasserstein critic is kept (roughly) 1-Lipschitz. Selected in configs by {@code model.constraint}. */
public enum LipschitzConstraint {

  /** No constraint: for the losses that do not need one. */
  @JsonProperty("none")
  NONE,

  /** Arjovsky et al.: clip every critic weight to [-clipValue, clipValue] after each update. */
  @JsonProperty("weight-clipping")
  WEIGHT_CLIPPING,

  /**
   * Gulrajani et al.: add lambda * E[(||grad C(x̂)|| - 1)²] on random interpolates x̂ between real and
   * generated images to the critic's loss; needs second-order gradients through the critic.
   */
  @JsonProperty("gradient-penalty")
  GRADIENT_PENALTY
}
