package io.gen4j.data.folder;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file into unsigned bytes (HWC) of the configured size and channels: transparent
 * pixels composited on the background, the shorter side resized to the target, the longer one
 * centre-cropped, grey turned into RGB by repetition or RGB into grey by ITU-R BT.601 luma. Grey
 * sources (8 or 16 bits, with or without alpha) are read from their samples, so their levels are kept
 * exactly. Safe to use from several threads.
 *
 * <p>Memory follows the target size, not what a file claims: with a target size only the centre region
 * that the crop keeps is decoded, every n-th pixel of it when it is more than {@value #DECODED_MARGIN}
 * times the target a side (so a 24-megapixel photo brought to 64x64 costs about a megabyte), and sides
 * above {@value #MAX_SOURCE_SIDE} are
 * refused before decoding; an image kept at its own size may have at most {@value #MAX_SOURCE_PIXELS}
 * pixels.
 */
final class ImageDecoder {

  /** The most pixels an image kept at its own size may have (a header claiming more is refused before decoding). */
  static final long MAX_SOURCE_PIXELS = 1L << 24;

  /** The longest side a source image may have (JPEG's own limit). */
  static final int MAX_SOURCE_SIDE = 65_535;

  /** A region larger than this many times the target a side is read every n-th pixel. */
  static final int DECODED_MARGIN = 4;

  static {
    ImageIO.setUseCache(false);
  }

  private final FolderConfig config;

  ImageDecoder(FolderConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** A file that cannot be decoded, and why. */
  static final class UndecodableImage extends Exception {
    private static final long serialVersionUID = 1L;

    UndecodableImage(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  /** A decoded image and the size the file had. */
  record Decoded(byte[] pixels, ImageShape shape, int sourceWidth, int sourceHeight) {}

  Decoded decode(Path file) throws UndecodableImage {
    Source read = read(file);
    BufferedImage source = read.image();
    try {
      BufferedImage opaque = isGrey(source.getColorModel()) ? greyComposited(source) : colourComposited(source);
      BufferedImage sized = config.resizes() ? resized(opaque, config.width(), config.height()) : opaque;
      ImageShape shape = new ImageShape(sized.getHeight(), sized.getWidth(), config.channels());
      return new Decoded(bytes(sized, config.channels()), shape, read.width(), read.height());
    } catch (RuntimeException e) {
      throw new UndecodableImage("cannot convert the decoded image (" + e + ")", e);
    }
  }

  /** What was decoded of a file, and the width and height the file has. */
  private record Source(BufferedImage image, int width, int height) {}

  /**
   * Decodes the first image of a file: with a target size, only the centre region its crop keeps, every
   * n-th pixel when that region is much larger than the target.
   */
  private Source read(Path file) throws UndecodableImage {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new UndecodableImage("cannot be opened", null);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UndecodableImage("not an image of a supported format (PNG, JPEG, BMP, GIF)", null);
      }
      ImageReader reader = readers.next();
      try {
        requirePlausibleHeader(file, reader.getFormatName());
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1 || width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) {
          throw new UndecodableImage("claims " + width + "x" + height + " pixels; sides of 1 to " + MAX_SOURCE_SIDE
              + " are read", null);
        }
        if (!config.resizes() && (long) width * height > MAX_SOURCE_PIXELS) {
          throw new UndecodableImage("claims " + width + "x" + height + " pixels; at most " + MAX_SOURCE_PIXELS
              + " are read at an image's own size (set data.height and data.width to resize)", null);
        }
        BufferedImage image = reader.read(0, config.resizes() ? cropParameters(reader, width, height) : null);
        if (image == null) {
          throw new UndecodableImage("holds no image", null);
        }
        return new Source(image, width, height);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UndecodableImage(firstLine(e), e);
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new UndecodableImage("corrupt (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ")", e);
    }
  }

  /**
   * The centre region of the target's aspect ratio, read every n-th pixel while that keeps at least
   * {@value #DECODED_MARGIN} times the target's pixels a side (the resize then shrinks it smoothly).
   */
  /**
   * Refuses a BMP whose header claims more pixel data or palette colours than the file could hold: the
   * JDK's reader allocates what the header claims when it reads the header (a 107-byte file claiming 409 MB
   * of embedded PNG took that much).
   */
  private static void requirePlausibleHeader(Path file, String format) throws IOException, UndecodableImage {
    if (!"bmp".equalsIgnoreCase(format)) {
      return;
    }
    byte[] header = new byte[50];
    int read;
    try (java.io.InputStream stream = Files.newInputStream(file)) {
      read = stream.readNBytes(header, 0, header.length);
    }
    java.nio.ByteBuffer fields = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (read < header.length || fields.getInt(14) < 40) {
      return; // too short for these fields, or an OS/2 header without them
    }
    long size = Files.size(file);
    long imageBytes = Integer.toUnsignedLong(fields.getInt(34));
    if (imageBytes > size) {
      throw new UndecodableImage("claims " + imageBytes + " bytes of pixel data, more than its " + size + " bytes hold",
          null);
    }
    long colours = Integer.toUnsignedLong(fields.getInt(46));
    if (colours * 4 > size) {
      throw new UndecodableImage("claims a palette of " + colours + " colours, more than its " + size
          + " bytes hold", null);
    }
  }

  private ImageReadParam cropParameters(ImageReader reader, int width, int height) {
    double scale = Math.max((double) config.width() / width, (double) config.height() / height);
    int regionWidth = Math.min(width, Math.max(1, (int) Math.round(config.width() / scale)));
    int regionHeight = Math.min(height, Math.max(1, (int) Math.round(config.height() / scale)));
    ImageReadParam parameters = reader.getDefaultReadParam();
    if (regionWidth < width || regionHeight < height) {
      parameters.setSourceRegion(
          new Rectangle((width - regionWidth) / 2, (height - regionHeight) / 2, regionWidth, regionHeight));
    }
    int step = Math.min(regionWidth / (DECODED_MARGIN * config.width()), regionHeight / (DECODED_MARGIN * config.height()));
    if (step > 1) {
      parameters.setSourceSubsampling(step, step, 0, 0);
    }
    return parameters;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static boolean isGrey(ColorModel model) {
    return !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  /** A grey image of 8-bit levels from its samples (any bit depth), its alpha composited on the background's luma. */
  private BufferedImage greyComposited(BufferedImage source) {
    ColorModel model = source.getColorModel();
    Raster raster = source.getRaster();
    double greyScale = 255.0 / ((1L << model.getComponentSize(0)) - 1);
    boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
    double alphaScale = alpha ? 1.0 / ((1L << model.getComponentSize(raster.getNumBands() - 1)) - 1) : 0;
    double background = luma(config.backgroundRgb());
    int width = source.getWidth();
    int height = source.getHeight();
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] out = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    int[] samples = new int[width];
    int[] alphas = new int[width];
    for (int y = 0; y < height; y++) {
      raster.getSamples(0, y, width, 1, 0, samples);
      if (alpha) {
        raster.getSamples(0, y, width, 1, raster.getNumBands() - 1, alphas);
      }
      for (int x = 0; x < width; x++) {
        double level = samples[x] * greyScale;
        if (alpha) {
          double opacity = alphas[x] * alphaScale;
          level = opacity * level + (1 - opacity) * background;
        }
        out[y * width + x] = (byte) Math.max(0, Math.min(255, Math.round(level)));
      }
    }
    return grey;
  }

  /** An opaque RGB image: the source drawn over the background colour. */
  private BufferedImage colourComposited(BufferedImage source) {
    BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = rgb.createGraphics();
    try {
      graphics.setColor(new java.awt.Color(config.backgroundRgb()));
      graphics.fillRect(0, 0, source.getWidth(), source.getHeight());
      graphics.drawImage(source, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    return rgb;
  }

  /** The shorter side scaled to the target, the longer one centre-cropped; the image type is kept. */
  private BufferedImage resized(BufferedImage image, int width, int height) {
    double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
    int scaledWidth = Math.max(width, (int) Math.round(image.getWidth() * scale));
    int scaledHeight = Math.max(height, (int) Math.round(image.getHeight() * scale));
    BufferedImage current = image;
    if (config.interpolation() != Interpolation.NEAREST) {
      while (current.getWidth() / 2 >= scaledWidth && current.getHeight() / 2 >= scaledHeight) {
        current = draw(current, current.getWidth() / 2, current.getHeight() / 2, 0, 0,
            current.getWidth() / 2, current.getHeight() / 2);
      }
    }
    int cropX = (scaledWidth - width) / 2;
    int cropY = (scaledHeight - height) / 2;
    return draw(current, width, height, -cropX, -cropY, scaledWidth, scaledHeight);
  }

  private BufferedImage draw(BufferedImage source, int canvasWidth, int canvasHeight, int x, int y, int width, int height) {
    BufferedImage canvas = new BufferedImage(canvasWidth, canvasHeight, source.getType());
    Graphics2D graphics = canvas.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, config.interpolation().hint());
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(source, x, y, width, height, null);
    } finally {
      graphics.dispose();
    }
    return canvas;
  }

  /** HWC bytes of an opaque grey or RGB image in the wanted channels. */
  private static byte[] bytes(BufferedImage image, int channels) {
    int pixels = image.getWidth() * image.getHeight();
    byte[] out = new byte[pixels * channels];
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int pixel = 0; pixel < pixels; pixel++) {
        for (int channel = 0; channel < channels; channel++) {
          out[pixel * channels + channel] = grey[pixel];
        }
      }
      return out;
    }
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int pixel = 0; pixel < pixels; pixel++) {
      int value = rgb[pixel];
      if (channels == 1) {
        out[pixel] = (byte) Math.round(luma(value));
      } else {
        out[3 * pixel] = (byte) (value >> 16);
        out[3 * pixel + 1] = (byte) (value >> 8);
        out[3 * pixel + 2] = (byte) value;
      }
    }
    return out;
  }

  /** ITU-R BT.601 luma of 0xRRGGBB, 0 to 255. */
  static double luma(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  }
}
