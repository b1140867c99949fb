package io.gen4j.eval;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.util.function.Consumer;

/**
 * The images an evaluation scores: a run's generator, a file of samples, or real images for the
 * reference row. Images are handed over in batches so that 10,000 of them never have to be held, or
 * generated, at once.
 */
public interface SampleSource {

  /** Names the source in the table and in {@code eval.json}, such as the run directory or the file. */
  String name();

  /** The shape of every image. */
  ImageShape shape();

  /** The number of images. */
  int count();

  /**
   * Hands over all {@link #count()} images, in order, in batches of at most {@code maxBatch}, with
   * values in [0, 1].
   */
  void forEachBatch(int maxBatch, Consumer<ImageBatch> consumer);
}
