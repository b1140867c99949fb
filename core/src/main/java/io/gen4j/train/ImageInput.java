package io.gen4j.train;

/**
 * Where a {@link ModelAssembly}'s model reads its real images from.
 *
 * <p>{@link #FED} is what training uses. {@link #SYNTHETIC} exists for benchmarks: it times the graph
 * alone, so that the cost of the data pipeline shows as the difference between the two.
 */
public enum ImageInput {

  /** A batch fed into the {@code real_images} placeholder with every data-consuming update. */
  FED,

  /**
   * Uniform noise over the model's pixel range, drawn inside the graph with stateless random ops
   * keyed by the fed noise key; the {@code real_images} placeholder exists but nothing reads it.
   */
  SYNTHETIC
}
