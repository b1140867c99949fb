package io.gen4j.testing;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageShape;
import java.awt.image.BufferedImage;
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

  /**
   * {@code count} unlabelled RGB landscapes of {@code height x width} that have an up and a down: a sky
   * that darkens upwards, a sun in its upper half, and green ground of random height at the bottom.
   */
  public static ImageDataset scenes(String name, int count, int height, int width, long seed) {
    ImageShape shape = new ImageShape(height, width, 3);
    byte[] pixels = new byte[count * shape.size()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int image = 0; image < count; image++) {
      int ground = (int) Math.round(height * (0.2 + 0.2 * random.nextDouble()));
      double radius = Math.min(height, width) * (0.08 + 0.08 * random.nextDouble());
      double sunRow = radius + random.nextDouble() * (height / 2.0 - 2 * radius);
      double sunColumn = radius + random.nextDouble() * (width - 2 * radius);
      int[] grass = {30 + random.nextInt(40), 120 + random.nextInt(80), 30 + random.nextInt(40)};
      for (int row = 0; row < height; row++) {
        for (int column = 0; column < width; column++) {
          int[] colour;
          if (row >= height - ground) {
            colour = grass;
          } else if (Math.hypot(row + 0.5 - sunRow, column + 0.5 - sunColumn) <= radius) {
            colour = new int[] {250, 220, 60};
          } else {
            int light = 60 + 150 * row / height;
            colour = new int[] {light / 2, light * 3 / 4, Math.min(255, light + 40)};
          }
          int offset = image * shape.size() + (row * width + column) * 3;
          for (int channel = 0; channel < 3; channel++) {
            pixels[offset + channel] = (byte) colour[channel];
          }
        }
      }
    }
    return new ImageDataset(name, shape, pixels, null, count);
  }

  /** Whether some pixel of a picture has channels more than 8 levels apart, i.e. is not grey. */
  public static boolean hasColour(BufferedImage picture) {
    for (int y = 0; y < picture.getHeight(); y++) {
      for (int x = 0; x < picture.getWidth(); x++) {
        int rgb = picture.getRGB(x, y);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        if (Math.abs(red - green) > 8 || Math.abs(green - blue) > 8 || Math.abs(red - blue) > 8) {
          return true;
        }
      }
    }
    return false;
  }
}
