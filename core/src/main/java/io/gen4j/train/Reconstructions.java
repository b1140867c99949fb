package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;

/**
 * Held-out images and the model's reconstructions of them (each image encoded, then its code decoded).
 *
 * @param originals the images, values in [0, 1]
 * @param reconstructions one per original, in the same order
 */
public record Reconstructions(ImageBatch originals, ImageBatch reconstructions) {

  public Reconstructions {
    requireNonNull(originals, "originals is null");
    requireNonNull(reconstructions, "reconstructions is null");
    if (originals.count() != reconstructions.count() || !originals.shape().equals(reconstructions.shape())) {
      throw new IllegalArgumentException(
          originals.count() + " originals of " + originals.shape() + " but " + reconstructions.count()
              + " reconstructions of " + reconstructions.shape());
    }
  }

  /**
   * The images laid out for a grid of {@code columns} columns: a row of originals, then the row of their
   * reconstructions below it, and so on; a last short row is filled with blank images.
   */
  public ImageBatch rows(int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1, got " + columns);
    }
    int size = originals.shape().size();
    int rowPairs = (originals.count() + columns - 1) / columns;
    float[] pixels = new float[rowPairs * 2 * columns * size];
    for (int index = 0; index < originals.count(); index++) {
      int row = index / columns;
      int column = index % columns;
      System.arraycopy(originals.image(index), 0, pixels, ((2 * row) * columns + column) * size, size);
      System.arraycopy(reconstructions.image(index), 0, pixels, ((2 * row + 1) * columns + column) * size, size);
    }
    return new ImageBatch(originals.shape(), rowPairs * 2 * columns, pixels);
  }
}
