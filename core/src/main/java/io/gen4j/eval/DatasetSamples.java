package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Real images as a sample source: the reference row scores {@code N} random train images as if a
 * perfect generator had made them.
 */
public final class DatasetSamples implements SampleSource {

  private final ImageDataset dataset;
  private final int[] indices;

  private DatasetSamples(ImageDataset dataset, int[] indices) {
    this.dataset = dataset;
    this.indices = indices;
  }

  /**
   * {@code count} distinct images of the dataset drawn at random (all of them, shuffled, if it has no
   * more).
   *
   * @param seed decides the draw
   */
  public static DatasetSamples random(ImageDataset dataset, int count, long seed) {
    requireNonNull(dataset, "dataset is null");
    if (count < 1) {
      throw new IllegalArgumentException("the number of images must be at least 1, got " + count);
    }
    int size = Math.min(count, dataset.count());
    return new DatasetSamples(dataset, RandomIndices.withoutReplacement(
        new SplittableRandom(seed), dataset.count(), size));
  }

  @Override
  public String name() {
    return dataset.name();
  }

  @Override
  public ImageShape shape() {
    return dataset.shape();
  }

  @Override
  public int count() {
    return indices.length;
  }

  @Override
  public void forEachBatch(int maxBatch, Consumer<ImageBatch> consumer) {
    for (int first = 0; first < indices.length; first += maxBatch) {
      int[] batch = Arrays.copyOfRange(indices, first, Math.min(indices.length, first + maxBatch));
      consumer.accept(DatasetImages.select(dataset, batch));
    }
  }
}
