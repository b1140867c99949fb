package io.gen4j.data.folder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Image files of every kind a folder dataset reads, written with ImageIO's writers. */
final class TestImages {

  private TestImages() {}

  static BufferedImage filled(int width, int height, int type, Color color) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D graphics = image.createGraphics();
    graphics.setComposite(java.awt.AlphaComposite.Src);
    graphics.setColor(color);
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    return image;
  }

  /** An 8-bit grey image of one level, written through its raster (no colour conversion). */
  static BufferedImage grey(int width, int height, int level) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, level);
      }
    }
    return image;
  }

  /** A 16-bit grey image of one level. */
  static BufferedImage grey16(int width, int height, int level) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, level);
      }
    }
    return image;
  }

  /** A palette image of one of four colours. */
  static BufferedImage palette(int width, int height, int index) {
    byte[] reds = {0, (byte) 255, 0, 0};
    byte[] greens = {0, 0, (byte) 255, 0};
    byte[] blues = {0, 0, 0, (byte) 255};
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(2, 4, reds, greens, blues));
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, index);
      }
    }
    return image;
  }

  static Path write(BufferedImage image, String format, Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no " + format + " writer for " + image);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A progressive JPEG. */
  static Path progressiveJpeg(BufferedImage image, Path file) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    return writeJpeg(writer, new IIOImage(image, null, null), param, file);
  }

  /**
   * An Adobe CMYK JPEG of one colour (what the JDK's own reader refuses): the four channels are written
   * as they are, inverted as Adobe's convention has it, and an Adobe APP14 marker with transform 0 (no
   * colour transform: CMYK) is put after the start of the image.
   */
  static Path cmykJpeg(int width, int height, int[] cmyk, Path file) {
    WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[] inverted = {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]};
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, inverted);
      }
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    writeJpeg(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam(), file);
    try {
      byte[] jpeg = Files.readAllBytes(file);
      byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
      byte[] marked = new byte[jpeg.length + adobe.length];
      System.arraycopy(jpeg, 0, marked, 0, 2);
      System.arraycopy(adobe, 0, marked, 2, adobe.length);
      System.arraycopy(jpeg, 2, marked, 2 + adobe.length, jpeg.length - 2);
      return Files.write(file, marked);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writeJpeg(ImageWriter writer, IIOImage image, ImageWriteParam param, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
        writer.setOutput(out);
        writer.write(null, image, param);
      } finally {
        writer.dispose();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
