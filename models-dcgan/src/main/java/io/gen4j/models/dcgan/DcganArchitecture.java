package io.gen4j.models.dcgan;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import java.util.List;

/**
 * The layer plan of a {@code dcgan} for one image shape: the configured channel counts, or the defaults
 * for the image's size when the config leaves them out, and where the generator starts.
 *
 * <p>The generator projects z to a {@code startHeight x startWidth x generatorFilters[0]} block and then
 * doubles the size once per further entry and once more in its output layer, so {@code n} entries make
 * {@code n} stride-2 upsamplings and the start is the image size over 2<sup>n</sup>. When the image
 * sides are not divisible by 2<sup>n</sup> but are by 2<sup>n-1</sup> (28x28 with three entries), the
 * first stage after the projection keeps the size (stride 1) instead. The discriminator has one stride-2
 * convolution per entry of {@code discriminatorFilters}, then a dense logit.
 *
 * @param generatorFilters the projection's depth, then the channels of each transposed convolution
 *     before the output layer
 * @param firstStageStride 1 or 2: the stride of the transposed convolution right after the projection
 * @param startHeight height of the projected block
 * @param startWidth width of the projected block
 * @param discriminatorFilters channels of the discriminator's stride-2 convolutions
 */
record DcganArchitecture(
    List<Integer> generatorFilters,
    int firstStageStride,
    int startHeight,
    int startWidth,
    List<Integer> discriminatorFilters) {

  /** The default generator for images whose sides are multiples of 16 and at least 64 (64x64: 4x4 start). */
  static final List<Integer> LARGE_GENERATOR = List.of(512, 256, 128, 64);

  /** The default discriminator for those images. */
  static final List<Integer> LARGE_DISCRIMINATOR = List.of(64, 128, 256, 512);

  /** The default generator for images whose sides are multiples of 8 and at least 32 (32x32: 4x4 start). */
  static final List<Integer> MEDIUM_GENERATOR = List.of(256, 128, 64);

  /** The default discriminator for those images. */
  static final List<Integer> MEDIUM_DISCRIMINATOR = List.of(64, 128, 256);

  /** The default generator for other images (28x28: 7x7 start with a stride-1 stage, as for MNIST). */
  static final List<Integer> SMALL_GENERATOR = List.of(256, 128, 64);

  /** The default discriminator for other images. */
  static final List<Integer> SMALL_DISCRIMINATOR = List.of(64, 128);

  DcganArchitecture {
    generatorFilters = List.copyOf(generatorFilters);
    discriminatorFilters = List.copyOf(discriminatorFilters);
  }

  /**
   * The plan for a config and an image shape.
   *
   * @throws InvalidConfigException naming {@code model.generatorFilters} if the image sides cannot be reached
   *     from a whole start size with that many upsamplings
   */
  static DcganArchitecture of(DcganConfig config, ImageShape shape) {
    requireNonNull(config, "config is null");
    requireNonNull(shape, "shape is null");
    List<Integer> generator = config.generatorFilters().orElseGet(() -> defaultGenerator(shape));
    List<Integer> discriminator =
        config.discriminatorFilters().orElseGet(() -> defaultDiscriminator(shape));
    int upsamplings = generator.size();
    if (divisible(shape, 1 << upsamplings)) {
      return new DcganArchitecture(
          generator, 2, shape.height() >> upsamplings, shape.width() >> upsamplings, discriminator);
    }
    if (upsamplings > 1 && divisible(shape, 1 << (upsamplings - 1))) {
      return new DcganArchitecture(
          generator, 1, shape.height() >> (upsamplings - 1), shape.width() >> (upsamplings - 1), discriminator);
    }
    if (!divisible(shape, 2)) {
      throw new InvalidConfigException(
          "model.generatorFilters", "dcgan upsamples at least once, which needs even image sides, got " + shape);
    }
    throw new InvalidConfigException(
        "model.generatorFilters",
        upsamplings + " channel counts make " + upsamplings + " upsamplings (or " + (upsamplings - 1)
            + " with a stride-1 stage), which need image sides divisible by " + (1 << upsamplings) + " (or "
            + (1 << (upsamplings - 1)) + "), got " + shape + "; list fewer channel counts");
  }

  /** The defaults the README lists, by image size. */
  static List<Integer> defaultGenerator(ImageShape shape) {
    return switch (sizeClass(shape)) {
      case LARGE -> LARGE_GENERATOR;
      case MEDIUM -> MEDIUM_GENERATOR;
      case SMALL -> SMALL_GENERATOR;
    };
  }

  static List<Integer> defaultDiscriminator(ImageShape shape) {
    return switch (sizeClass(shape)) {
      case LARGE -> LARGE_DISCRIMINATOR;
      case MEDIUM -> MEDIUM_DISCRIMINATOR;
      case SMALL -> SMALL_DISCRIMINATOR;
    };
  }

  /** Upsamplings the generator makes: one per transposed convolution, output layer included. */
  int upsamplings() {
    return generatorFilters.size() - (firstStageStride == 1 ? 1 : 0);
  }

  private enum SizeClass { SMALL, MEDIUM, LARGE }

  private static SizeClass sizeClass(ImageShape shape) {
    int side = Math.min(shape.height(), shape.width());
    if (side >= 64 && divisible(shape, 16)) {
      return SizeClass.LARGE;
    }
    if (side >= 32 && divisible(shape, 8)) {
      return SizeClass.MEDIUM;
    }
    return SizeClass.SMALL;
  }

  private static boolean divisible(ImageShape shape, int divisor) {
    return shape.height() % divisor == 0 && shape.width() % divisor == 0;
  }
}
