package io.gen4j.spi.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One differentiable augmentation of DiffAugment (Zhao et al. 2020), applied to images in [-1, 1] before
 * the discriminator sees them. Selected in {@link AugmentConfig#policy()}.
 */
public enum Augmentation {

  /**
   * Random brightness (adds r − 0.5), saturation (scales the distance to each pixel's channel mean by 2r)
   * and contrast (scales the distance to the image's mean by r + 0.5), r uniform in [0, 1) per image and
   * per operation.
   */
  @JsonProperty("color")
  COLOR,

  /** A random shift by a whole number of pixels, up to 1/8 of the side on each axis; vacated pixels are 0. */
  @JsonProperty("translation")
  TRANSLATION,

  /**
   * A square of half the image's side set to 0, its centre at a random whole pixel as in DiffAugment (for an
   * even side of the square one past the last row or column too, so that the square reaches as far over
   * each edge), cut at the image's edges.
   */
  @JsonProperty("cutout")
  CUTOUT
}
