package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An immutable batch of images with values in [0, 1], row-major {@code [count, height, width,
 * channels]}.
 */
public final class ImageBatch {

  private final ImageShape shape;
  private final int count;
  private final float[] pixels;

  public ImageBatch(ImageShape shape, int count, float[] pixels) {
    this.shape = requireNonNull(shape, "shape is null");
    requireNonNull(pixels, "pixels is null");
    if (count < 0 || pixels.length != (long) count * shape.size()) {
      throw new IllegalArgumentException(
          "expected " + count + " images of " + shape + " (" + (long) count * shape.size()
              + " values), got " + pixels.length + " values");
    }
    this.count = count;
    this.pixels = pixels.clone();
  }

  public ImageShape shape() {
    return shape;
  }

  public int count() {
    return count;
  }

  /** Value of one pixel channel, in [0, 1]. */
  public float pixel(int image, int row, int column, int channel) {
    return pixels[((image * shape.height() + row) * shape.width() + column) * shape.channels() + channel];
  }

  /** A copy of all values. */
  public float[] toArray() {
    return pixels.clone();
  }

  /** A copy of one image's values. */
  public float[] image(int index) {
    return Arrays.copyOfRange(pixels, index * shape.size(), (index + 1) * shape.size());
  }
}
