package io.gen4j.eval;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;

/**
 * The rotations a {@link FeatureTask#ROTATION} network learns to tell apart: 0, 90, 180 and 270 degrees
 * counter-clockwise for square images, 0 and 180 degrees for others (a quarter turn would change their
 * shape). Rotation class {@code c} is {@code c} quarter turns, or {@code 2c} for non-square images.
 */
final class Rotations {

  private Rotations() {}

  /** The number of rotation classes for images of this shape: 4 if square, else 2. */
  static int classes(ImageShape shape) {
    return shape.height() == shape.width() ? 4 : 2;
  }

  /**
   * Writes image {@code index} of {@code pixels} (row-major HWC images of {@code shape}) rotated by
   * rotation class {@code rotation} into {@code target} at image {@code targetIndex}.
   */
  static void rotate(float[] pixels, int index, ImageShape shape, int rotation, float[] target, int targetIndex) {
    int height = shape.height();
    int width = shape.width();
    int channels = shape.channels();
    int quarterTurns = classes(shape) == 4 ? rotation : 2 * rotation;
    int source = index * shape.size();
    int destination = targetIndex * shape.size();
    for (int row = 0; row < height; row++) {
      for (int column = 0; column < width; column++) {
        // the pixel that lands at (row, column) after turning the image counter-clockwise
        int fromRow;
        int fromColumn;
        switch (quarterTurns) {
          case 0 -> {
            fromRow = row;
            fromColumn = column;
          }
          case 1 -> {
            fromRow = column;
            fromColumn = width - 1 - row;
          }
          case 2 -> {
            fromRow = height - 1 - row;
            fromColumn = width - 1 - column;
          }
          case 3 -> {
            fromRow = height - 1 - column;
            fromColumn = row;
          }
          default -> throw new IllegalArgumentException("rotation class " + rotation + " of " + classes(shape));
        }
        System.arraycopy(pixels, source + (fromRow * width + fromColumn) * channels,
            target, destination + (row * width + column) * channels, channels);
      }
    }
  }

  /** Every image of a batch rotated by rotation class {@code rotation}. */
  static ImageBatch rotateAll(ImageBatch batch, int rotation) {
    float[] pixels = batch.toArray();
    float[] rotated = new float[pixels.length];
    for (int image = 0; image < batch.count(); image++) {
      rotate(pixels, image, batch.shape(), rotation, rotated, image);
    }
    return new ImageBatch(batch.shape(), batch.count(), rotated);
  }
}
