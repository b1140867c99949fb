package io.gen4j.data.npy;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads NumPy {@code .npy} arrays for datasets. Images: shape (N, H, W) or (N, H, W, C) with C 1 or 3, C
 * order, dtype {@code uint8} (taken as they are) or {@code float32}/{@code float64} in [0, 1] (scaled by
 * 255 and rounded), streamed image by image. Labels: shape (N,), any integer dtype, values 0 to 255.
 * The data length the header implies must be exactly what the file holds, checked before anything is
 * read. Every problem is a {@link DatasetException} with one line naming the file.
 */
public final class NpyArrays {

  /** The largest side of an image. */
  private static final long MAX_SIDE = 1 << 15;

  /** Bytes read at a time. */
  private static final int CHUNK_BYTES = 1 << 22;

  private NpyArrays() {}

  /** What an image array's header says. */
  public record ImageHeader(int count, ImageShape shape) {}

  /** Receives the images of an array, in order, as unsigned bytes (HWC). */
  public interface ImageSink {
    /** @param image {@code shape.size()} bytes, reused for the next image */
    void accept(int index, byte[] image);
  }

  /**
   * Reads an image array: the header first, handed to {@code start}, which returns where the images go.
   *
   * @throws DatasetException naming the file if it is not such an array
   */
  public static ImageHeader readImages(Path file, Function<ImageHeader, ImageSink> start) {
    requireNonNull(file, "file is null");
    requireNonNull(start, "start is null");
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      NpyHeader header = NpyHeader.read(channel, source);
      NpyDtype dtype = NpyDtype.require(header.descr(), source, true,
          "uint8 ('|u1') or float32/float64 ('<f4', '<f8') in [0, 1]");
      if (dtype.kind() != 'f' && !(dtype.kind() == 'u' && dtype.size() == 1)) {
        throw new DatasetException(source + ": dtype '" + header.descr()
            + "' is not supported for images; expected uint8 ('|u1') or float32/float64 ('<f4', '<f8') in [0, 1]");
      }
      requireCOrder(header, source);
      long[] dimensions = header.shape();
      boolean rank = dimensions.length == 3 || dimensions.length == 4;
      long channels = dimensions.length == 4 ? dimensions[3] : 1;
      if (!rank || (channels != 1 && channels != 3) || dimensions[1] < 1 || dimensions[2] < 1
          || dimensions[1] > MAX_SIDE || dimensions[2] > MAX_SIDE) {
        throw new DatasetException(source + ": shape " + header.shapeText()
            + " is not a stack of images; expected (N, height, width) or (N, height, width, channels) with 1 or 3"
            + " channels");
      }
      if (dimensions[0] > Integer.MAX_VALUE) {
        throw new DatasetException(source + ": " + dimensions[0] + " images; at most " + Integer.MAX_VALUE + " are supported");
      }
      ImageShape shape = new ImageShape((int) dimensions[1], (int) dimensions[2], (int) channels);
      int count = (int) dimensions[0];
      requireLength(channel, header, (long) count * shape.size() * dtype.size(), source);
      ImageHeader result = new ImageHeader(count, shape);
      ImageSink sink = requireNonNull(start.apply(result), "the image sink is null");
      int imageBytes = shape.size() * dtype.size();
      int perChunk = Math.max(1, CHUNK_BYTES / imageBytes);
      ByteBuffer chunk = ByteBuffer.allocate((int) Math.min((long) perChunk * imageBytes, Math.max(imageBytes,
          (long) count * imageBytes))).order(dtype.order());
      byte[] image = new byte[shape.size()];
      for (int first = 0; first < count; first += perChunk) {
        int images = Math.min(perChunk, count - first);
        chunk.clear().limit(images * imageBytes);
        while (chunk.hasRemaining()) {
          if (channel.read(chunk) < 0) {
            throw new DatasetException(source + ": truncated in image " + first);
          }
        }
        for (int offset = 0; offset < images; offset++) {
          convert(chunk, dtype, offset * shape.size(), image, source, first + offset);
          sink.accept(first + offset, image);
        }
      }
      return result;
    } catch (NoSuchFileException e) {
      throw new DatasetException(source + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a labels array: shape (N,), an integer dtype, every value from 0 to 255.
   *
   * @throws DatasetException naming the file if it is not such an array
   */
  public static byte[] readLabels(Path file) {
    requireNonNull(file, "file is null");
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      NpyHeader header = NpyHeader.read(channel, source);
      NpyDtype dtype = NpyDtype.require(header.descr(), source, false, "an integer dtype such as '|u1' or '<i8'");
      requireCOrder(header, source);
      if (header.shape().length != 1) {
        throw new DatasetException(source + ": shape " + header.shapeText() + " is not a list of labels; expected (N,)");
      }
      if (header.shape()[0] > Integer.MAX_VALUE - 8) {
        throw new DatasetException(source + ": " + header.shape()[0] + " labels; at most " + (Integer.MAX_VALUE - 8)
            + " are supported");
      }
      int count = (int) header.shape()[0];
      requireLength(channel, header, (long) count * dtype.size(), source);
      byte[] labels = new byte[count];
      ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(dtype.size(), (long) count * dtype.size())))
          .order(dtype.order());
      int perChunk = chunk.capacity() / dtype.size();
      for (int first = 0; first < count; first += perChunk) {
        int values = Math.min(perChunk, count - first);
        chunk.clear().limit(values * dtype.size());
        while (chunk.hasRemaining()) {
          if (channel.read(chunk) < 0) {
            throw new DatasetException(source + ": truncated in label " + first);
          }
        }
        for (int i = 0; i < values; i++) {
          double value = dtype.value(chunk, i);
          if (!(value >= 0 && value <= 255)) {
            throw new DatasetException(String.format(Locale.ROOT,
                "%s: label %d is %s; expected labels from 0 to 255", source, first + i, format(value)));
          }
          labels[first + i] = (byte) value;
        }
      }
      return labels;
    } catch (NoSuchFileException e) {
      throw new DatasetException(source + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void convert(ByteBuffer chunk, NpyDtype dtype, int first, byte[] image, String source, int index) {
    if (!dtype.isFloat()) {
      chunk.get(first, image, 0, image.length);
      return;
    }
    for (int i = 0; i < image.length; i++) {
      double value = dtype.value(chunk, first + i);
      if (!(value >= 0 && value <= 1)) {
        throw new DatasetException(String.format(Locale.ROOT,
            "%s: value %s in image %d is outside [0, 1]; expected float pixels scaled to [0, 1] (or uint8)",
            source, format(value), index));
      }
      image[i] = (byte) Math.round(value * 255);
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static void requireCOrder(NpyHeader header, String source) {
    if (header.fortranOrder()) {
      throw new DatasetException(source + ": the array is in Fortran order; expected C order (save numpy.ascontiguousarray(array))");
    }
  }

  private static void requireLength(FileChannel channel, NpyHeader header, long expected, String source) throws IOException {
    long actual = channel.size() - header.dataOffset();
    if (actual != expected) {
      throw new DatasetException(source + ": shape " + header.shapeText() + " of dtype '" + header.descr() + "' needs "
          + expected + " bytes of data, but the file holds " + actual);
    }
  }
}
