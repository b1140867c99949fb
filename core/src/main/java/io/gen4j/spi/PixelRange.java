package io.gen4j.spi;

/** The interval a model wants its real images scaled to, and in which it produces images. */
public enum PixelRange {
  /** [-1, 1]: the range of a tanh output, used by GANs. */
  SYMMETRIC(-1f, 1f),
  /** [0, 1]: intensities, used by VAEs with a Bernoulli likelihood. */
  UNIT(0f, 1f);

  private final float low;
  private final float high;

  PixelRange(float low, float high) {
    this.low = low;
    this.high = high;
  }

  /** Maps a byte intensity 0..255 into this range. */
  public float fromByte(int unsignedByte) {
    return low + (high - low) * (unsignedByte / 255f);
  }

  /** Maps a value of this range to [0, 1], clamping values outside it. */
  public float toUnit(float value) {
    float unit = (value - low) / (high - low);
    return Math.max(0f, Math.min(1f, unit));
  }
}
