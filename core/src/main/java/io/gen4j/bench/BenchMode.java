package io.gen4j.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gen4j.train.ImageInput;
import java.util.Locale;

/** Where a benchmarked model's real images come from. */
public enum BenchMode {

  /** The bundled dataset through the same background batch prefetcher training uses. */
  @JsonProperty("real")
  REAL(ImageInput.FED),

  /** Random images drawn inside the graph: the graph alone, without the data pipeline. */
  @JsonProperty("synthetic")
  SYNTHETIC(ImageInput.SYNTHETIC);

  private final ImageInput imageInput;

  BenchMode(ImageInput imageInput) {
    this.imageInput = imageInput;
  }

  /** How the model's graph gets its images in this mode. */
  public ImageInput imageInput() {
    return imageInput;
  }

  /** The lower-case name used in tables and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
