package io.gen4j.data.folder;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file into unsigned bytes (HWC) of the configured size and channels: transparent
 * pixels composited on the background, the shorter side resized to the target, the longer one
 * centre-cropped, grey turned into RGB by repetition or RGB into grey by ITU-R BT.601 luma. Grey
 * sources (8 or 16 bits, with or without alpha) are read from their samples, so their levels are kept
 * exactly. Safe to use from several threads.
 */
final class ImageDecoder {

  /** The most pixels a source image may have (a header claiming more is refused before decoding). */
  static final long MAX_SOURCE_PIXELS = 1L << 26;

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
    BufferedImage source = read(file);
    try {
      BufferedImage opaque = isGrey(source.getColorModel()) ? greyComposited(source) : colourComposited(source);
      BufferedImage sized = config.resizes() ? resized(opaque, config.width(), config.height()) : opaque;
      ImageShape shape = new ImageShape(sized.getHeight(), sized.getWidth(), config.channels());
      return new Decoded(bytes(sized, config.channels()), shape, source.getWidth(), source.getHeight());
    } catch (RuntimeException e) {
      throw new UndecodableImage("cannot convert the decoded image (" + e + ")", e);
    }
  }

  private static BufferedImage read(Path file) throws UndecodableImage {
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
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_SOURCE_PIXELS || reader.getWidth(0) < 1 || reader.getHeight(0) < 1) {
          throw new UndecodableImage("claims " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; at most "
              + MAX_SOURCE_PIXELS + " are read", null);
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw new UndecodableImage("holds no image", null);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UndecodableImage(firstLine(e), e);
    } catch (RuntimeException | OutOfMemoryError e) {
      throw new UndecodableImage("corrupt (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ")", e);
    }
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
