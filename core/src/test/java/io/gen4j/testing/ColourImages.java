package io.gen4j.testing;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageShape;
import java.util.SplittableRandom;

/**
 * Small in-memory colour datasets for tests: each image is a dark background with one filled disc of a
 * class colour at a random place and size, labelled with its colour class. Deterministic for a seed.
 */
public final class ColourImages {

  /** The disc colours, one per class: red, green, blue, yellow, magenta, cyan. */
  private static final int[][] COLOURS = {
    {230, 40, 40}, {40, 200, 60}, {50, 80, 230}, {235, 220, 50}, {220, 60, 210}, {50, 210, 220}
  };

  /** The number of classes (disc colours). */
  public static final int CLASSES = COLOURS.length;

  private ColourImages() {}

  /**
   * {@code count} labelled RGB images of {@code height x width}.
   *
   * @param name the dataset's name
   */
  public static ImageDataset discs(String name, int count, int height, int width, long seed) {
    ImageShape shape = new ImageShape(height, width, 3);
    byte[] pixels = new byte[count * shape.size()];
    byte[] labels = new byte[count];
    SplittableRandom random = new SplittableRandom(seed);
    for (int image = 0; image < count; image++) {
      int label = random.nextInt(CLASSES);
      labels[image] = (byte) label;
      int background = random.nextInt(40);
      double radius = Math.min(height, width) * (0.2 + 0.2 * random.nextDouble());
      double centreRow = radius + random.nextDouble() * (height - 2 * radius);
      double centreColumn = radius + random.nextDouble() * (width - 2 * radius);
      for (int row = 0; row < height; row++) {
        for (int column = 0; column < width; column++) {
          double distance = Math.hypot(row + 0.5 - centreRow, column + 0.5 - centreColumn);
          int offset = image * shape.size() + (row * width + column) * 3;
          for (int channel = 0; channel < 3; channel++) {
            int value = distance <= radius ? COLOURS[label][channel] : background;
            pixels[offset + channel] = (byte) value;
          }
        }
      }
    }
    return new ImageDataset(name, shape, pixels, labels, count);
  }
}
