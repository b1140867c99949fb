package io.gen4j.data.folder;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.awt.RenderingHints;

/** How images are resized, {@code data.interpolation}. */
public enum Interpolation {
  /** The nearest source pixel: fast, blocky. */
  @JsonProperty("nearest")
  NEAREST(RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR),
  /** Bilinear, with repeated halving first when shrinking more than twofold (so no detail aliases). */
  @JsonProperty("bilinear")
  BILINEAR(RenderingHints.VALUE_INTERPOLATION_BILINEAR),
  /** Bicubic, with repeated halving first when shrinking more than twofold. */
  @JsonProperty("bicubic")
  BICUBIC(RenderingHints.VALUE_INTERPOLATION_BICUBIC);

  private final Object hint;

  Interpolation(Object hint) {
    this.hint = hint;
  }

  Object hint() {
    return hint;
  }
}
