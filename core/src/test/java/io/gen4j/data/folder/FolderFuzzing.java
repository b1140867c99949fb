package io.gen4j.data.folder;

import io.gen4j.data.DatasetException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The image decoder of the {@code folder} type, for the fuzz test outside this package. */
public final class FolderFuzzing {

  private static final ImageDecoder DECODER = new ImageDecoder(
      new FolderConfig("fuzz", 8, 8, 3, false, FolderConfig.DEFAULT_BACKGROUND, Interpolation.BILINEAR, true));

  private FolderFuzzing() {}

  /** Small real files of every kind the folder type reads: PNG (RGBA, 16-bit grey), palette GIF, JPEG, BMP. */
  public static List<byte[]> seeds(Path directory) throws IOException {
    BufferedImage rgb = TestImages.filled(6, 5, BufferedImage.TYPE_INT_RGB, new Color(200, 100, 50));
    rgb.setRGB(2, 3, 0x123456);
    List<Path> files = List.of(
        TestImages.write(TestImages.filled(5, 6, BufferedImage.TYPE_INT_ARGB, new Color(10, 20, 30, 100)), "png",
            directory.resolve("seed-rgba.png")),
        TestImages.write(TestImages.grey16(4, 4, 0x1234), "png", directory.resolve("seed-grey16.png")),
        TestImages.write(TestImages.palette(4, 4, 2), "gif", directory.resolve("seed-palette.gif")),
        TestImages.write(rgb, "jpeg", directory.resolve("seed.jpg")),
        TestImages.write(rgb, "bmp", directory.resolve("seed.bmp")));
    List<byte[]> seeds = new ArrayList<>();
    for (Path file : files) {
      seeds.add(Files.readAllBytes(file));
    }
    return seeds;
  }

  /**
   * Decodes an image file to 8x8 RGB, as a {@code strict} folder dataset does.
   *
   * @throws DatasetException naming the file and why it cannot be decoded, as {@code strict} reports it
   */
  public static void decode(Path file) {
    try {
      ImageDecoder.Decoded decoded = DECODER.decode(file);
      if (decoded.pixels().length != 8 * 8 * 3) {
        throw new IllegalStateException(file + ": decoded to " + decoded.pixels().length + " bytes, not 8x8x3");
      }
    } catch (ImageDecoder.UndecodableImage e) {
      throw new DatasetException(file + ": cannot be decoded: " + e.getMessage(), e);
    }
  }
}
