package io.gen4j.spi;

/**
 * Height, width and channel count of the images a dataset holds and a model generates.
 *
 * @param height rows of pixels, at least 1
 * @param width columns of pixels, at least 1
 * @param channels 1 for grey scale, 3 for RGB
 */
public record ImageShape(int height, int width, int channels) {

  /** 28x28 grey scale: MNIST and its relatives. */
  public static final ImageShape MNIST = new ImageShape(28, 28, 1);

  public ImageShape {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("image size must be at least 1x1, got " + height + "x" + width);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
  }

  /** Number of values in one image: height * width * channels. */
  public int size() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
