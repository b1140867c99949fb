package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;

/**
 * One batch of images, scaled into a model's pixel range and ready to become a tensor.
 *
 * <p>{@link #equals(Object)} and {@link #hashCode()} compare the array contents.
 *
 * @param index the global batch number, counted from 0 across epochs
 * @param pixels {@code batchSize * shape.size()} values, image after image, each row-major with
 *     channels last (HWC)
 * @param labels one label per image, 0 to 255, or {@code null} when the dataset is unlabelled
 */
public record Batch(long index, float[] pixels, int[] labels) {

  public Batch {
    requireNonNull(pixels, "pixels is null");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Batch that
        && index == that.index
        && Arrays.equals(pixels, that.pixels)
        && Arrays.equals(labels, that.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, Arrays.hashCode(pixels), Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "Batch[index=" + index + ", " + pixels.length + " values"
        + (labels == null ? ", unlabelled]" : ", " + labels.length + " labels]");
  }
}
