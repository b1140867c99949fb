package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.files.AtomicFiles;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Lays a batch of images out as a grid and writes it as a PNG (with the JDK's ImageIO). */
public final class ImageGrid {

  /** Pixels of background between and around images. */
  public static final int PADDING = 2;

  private ImageGrid() {}

  /** The grid as an image: {@code columns} images per row, each drawn {@code scale} times its size. */
  public static BufferedImage render(ImageBatch batch, int columns, int scale) {
    requireNonNull(batch, "batch is null");
    if (columns < 1 || scale < 1) {
      throw new IllegalArgumentException("columns and scale must be at least 1");
    }
    ImageShape shape = batch.shape();
    int rows = Math.max(1, (batch.count() + columns - 1) / columns);
    int cellWidth = shape.width() * scale;
    int cellHeight = shape.height() * scale;
    int width = columns * cellWidth + (columns + 1) * PADDING;
    int height = rows * cellHeight + (rows + 1) * PADDING;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int background = 0x404040;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, background);
      }
    }
    for (int index = 0; index < batch.count(); index++) {
      int left = PADDING + (index % columns) * (cellWidth + PADDING);
      int top = PADDING + (index / columns) * (cellHeight + PADDING);
      for (int row = 0; row < cellHeight; row++) {
        for (int column = 0; column < cellWidth; column++) {
          image.setRGB(left + column, top + row, rgb(batch, index, row / scale, column / scale));
        }
      }
    }
    return image;
  }

  /**
   * One image of a batch at its own size, without padding: 8-bit grey for one channel, RGB for three.
   */
  public static BufferedImage renderImage(ImageBatch batch, int index) {
    requireNonNull(batch, "batch is null");
    if (index < 0 || index >= batch.count()) {
      throw new IndexOutOfBoundsException("image " + index + " of a batch of " + batch.count());
    }
    ImageShape shape = batch.shape();
    boolean grey = shape.channels() == 1;
    BufferedImage image =
        new BufferedImage(shape.width(), shape.height(), grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < shape.height(); row++) {
      for (int column = 0; column < shape.width(); column++) {
        if (grey) {
          image.getRaster().setSample(column, row, 0, toByte(batch.pixel(index, row, column, 0)));
        } else {
          image.setRGB(column, row, rgb(batch, index, row, column));
        }
      }
    }
    return image;
  }

  /** Writes the grid as a PNG, atomically (temporary file, then rename). */
  public static void write(ImageBatch batch, int columns, int scale, Path file) {
    writePng(render(batch, columns, scale), file);
  }

  /** Writes one image as a PNG, atomically. */
  public static void writePng(BufferedImage image, Path file) {
    AtomicFiles.write(file, temporary -> {
      if (!ImageIO.write(image, "png", temporary.toFile())) {
        throw new IOException("no PNG writer available");
      }
    });
  }

  /** The number of columns that makes {@code count} images as square a grid as possible. */
  public static int squareColumns(int count) {
    return Math.max(1, (int) Math.ceil(Math.sqrt(count)));
  }

  private static int rgb(ImageBatch batch, int index, int row, int column) {
    if (batch.shape().channels() == 1) {
      int grey = toByte(batch.pixel(index, row, column, 0));
      return (grey << 16) | (grey << 8) | grey;
    }
    return (toByte(batch.pixel(index, row, column, 0)) << 16)
        | (toByte(batch.pixel(index, row, column, 1)) << 8)
        | toByte(batch.pixel(index, row, column, 2));
  }

  private static int toByte(float unit) {
    return Math.round(Math.max(0f, Math.min(1f, unit)) * 255f);
  }
}
