package io.gen4j.models.resgan;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;

/**
 * The depth of a {@code resgan} for one image shape. The generator starts from a block of {@code
 * startHeight x startWidth} (4 to 7 pixels a side: the image size halved {@code upsamplings} times) and
 * doubles it once per residual block; the discriminator halves the image in its first blocks until both
 * sides are at most 8 ({@code downsamplings}), then adds the config's {@code discriminatorPlainBlocks}
 * blocks that keep the size. 28x28: 7x7 and 2 upsamplings, 28 -> 14 -> 7; 32x32: 4x4 and 3, 32 -> 16 ->
 * 8; 64x64: 4x4 and 4, 64 -> 32 -> 16 -> 8.
 *
 * @param upsamplings the generator's up blocks
 * @param startHeight height of the generator's first block
 * @param startWidth width of the generator's first block
 * @param downsamplings the discriminator's down blocks
 */
record ResGanArchitecture(int upsamplings, int startHeight, int startWidth, int downsamplings) {

  /** The smallest side the generator starts from. */
  static final int MINIMUM_START = 4;

  /** The discriminator stops halving once both sides are at most this. */
  static final int DISCRIMINATOR_END = 8;

  /**
   * The plan for an image shape.
   *
   * @throws InvalidConfigException naming {@code data} when the sides cannot be halved to a start of at least
   *     4 pixels
   */
  static ResGanArchitecture of(ImageShape shape) {
    requireNonNull(shape, "shape is null");
    int upsamplings = 0;
    int height = shape.height();
    int width = shape.width();
    while (height % 2 == 0 && width % 2 == 0 && height / 2 >= MINIMUM_START && width / 2 >= MINIMUM_START) {
      height /= 2;
      width /= 2;
      upsamplings++;
    }
    if (upsamplings == 0) {
      throw new InvalidConfigException("data", "resgan needs image sides that halve at least once to 4 pixels or"
          + " more (such as 28x28, 32x32 or 64x64), got " + shape);
    }
    int downsamplings = 0;
    int side = Math.max(shape.height(), shape.width());
    int discriminatorHeight = shape.height();
    int discriminatorWidth = shape.width();
    while (side > DISCRIMINATOR_END && discriminatorHeight % 2 == 0 && discriminatorWidth % 2 == 0) {
      discriminatorHeight /= 2;
      discriminatorWidth /= 2;
      side /= 2;
      downsamplings++;
    }
    return new ResGanArchitecture(upsamplings, height, width, Math.max(downsamplings, 1));
  }
}
