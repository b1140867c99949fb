package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways {@code gen4j sample} writes images. */
public enum SampleFormat {

  /** One PNG: the images in a near-square grid, each drawn at twice its size. */
  GRID,

  /**
   * A directory of PNGs, one per image at its own size (8-bit grey or RGB), named {@code
   * sample-0000.png}, {@code sample-0001.png}, ... (more digits from 10,000 images on). The directory
   * must be new or empty; it is written beside and renamed into place when complete.
   */
  PNGS,

  /** A NumPy {@code .npy} array, float32 in [0, 1]: see {@link NpyImages}. */
  NPY;

  /** Pixels drawn per image pixel in a grid. */
  public static final int GRID_SCALE = 2;

  /** The lower-case name the command line uses. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of a lower-case name: {@code grid}, {@code pngs} or {@code npy}. */
  public static SampleFormat named(String id) {
    requireNonNull(id, "id is null");
    return Arrays.stream(values())
        .filter(format -> format.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown sample format '" + id + "'; expected one of " + ids()));
  }

  /**
   * The format an output path implies: a {@code .png} file a grid, a {@code .npy} file an array, a
   * directory (an existing one, or a name without an extension) PNGs.
   */
  public static SampleFormat forPath(Path out) {
    requireNonNull(out, "out is null");
    String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(out)) {
      return PNGS;
    }
    if (name.endsWith(".png")) {
      return GRID;
    }
    if (name.endsWith(".npy")) {
      return NPY;
    }
    if (!name.contains(".")) {
      return PNGS;
    }
    throw new IllegalArgumentException(
        "cannot tell the sample format from " + out + ": expected a .png file (grid), a .npy file (npy) "
            + "or a directory (pngs); or name the format (" + ids() + ")");
  }

  /** Writes a batch to {@code out} in this format. */
  public void write(ImageBatch batch, Path out) {
    requireNonNull(batch, "batch is null");
    requireNonNull(out, "out is null");
    if (this != PNGS && Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + " is a directory; the " + id() + " format writes one file");
    }
    switch (this) {
      case GRID -> ImageGrid.write(batch, ImageGrid.squareColumns(batch.count()), GRID_SCALE, out);
      case NPY -> NpyImages.write(batch, out);
      case PNGS -> writePngs(batch, out);
    }
  }

  /** The file name of image {@code index} of {@code count} in the PNGs format. */
  public static String pngName(int index, int count) {
    int digits = Math.max(4, String.valueOf(Math.max(0, count - 1)).length());
    return String.format(Locale.ROOT, "sample-%0" + digits + "d.png", index);
  }

  private static void writePngs(ImageBatch batch, Path out) {
    String hint = "; the pngs format needs a new or empty directory";
    Path target = out.toAbsolutePath().normalize();
    Directories.checkTarget(target, false, hint);
    Path temporary = Directories.createSibling(target, "writing");
    try {
      for (int index = 0; index < batch.count(); index++) {
        ImageGrid.writePng(ImageGrid.renderImage(batch, index), temporary.resolve(pngName(index, batch.count())));
      }
      Directories.moveIntoPlace(temporary, target, false, hint);
    } finally {
      Directories.deleteQuietly(temporary);
    }
  }

  private static String ids() {
    return Arrays.stream(values()).map(SampleFormat::id).collect(Collectors.joining(", "));
  }
}
