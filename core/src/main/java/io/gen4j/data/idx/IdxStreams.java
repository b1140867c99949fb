package io.gen4j.data.idx;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.data.GzipMember;
import io.gen4j.spi.ImageShape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads IDX files as streams, image by image, without holding them in memory: image files with magic
 * {@code 0x00000803} (header {@code count, rows, columns}: grey images) or {@code 0x00000804} ({@code
 * count, rows, columns, channels}, 1 or 3 channels, HWC), label files with magic {@code 0x00000801}
 * (header {@code count}). Gzip is detected from the content and read strictly, one member ({@link
 * GzipMember}). A header that claims more data than a file holds (exactly, uncompressed; more than
 * {@value GzipMember#MAX_EXPANSION_RATIO} times its size, compressed) is rejected before anything is read
 * or written; a compressed stream that ends early, or goes on after the last image, is rejected when that
 * shows. Every problem is a {@link DatasetException} with one line naming the source.
 */
public final class IdxStreams {

  /** Magic number of an IDX file of grey unsigned-byte images. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte images with a channel dimension. */
  public static final int CHANNEL_IMAGES_MAGIC = 0x00000804;

  /** Magic number of an IDX file of unsigned-byte labels. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The most bytes one image may have (64 MiB: 4096x4096x3 and then some). */
  static final int MAX_IMAGE_BYTES = 1 << 26;

  private static final int BUFFER_SIZE = 1 << 16;

  private IdxStreams() {}

  /** What an image file's header says. */
  public record Header(int count, ImageShape shape) {}

  /** Receives the images of a file, in order. */
  public interface ImageSink {
    /** @param image {@code shape.size()} bytes, reused for the next image */
    void accept(int index, byte[] image);
  }

  /**
   * Reads an IDX image stream: its header first, handed to {@code start}, which returns where the
   * images go.
   *
   * @param in the raw stream, gzip or not; read to its end, left open
   * @param source names the stream in messages, usually its file
   * @param length the stream's length in bytes if it is a file, else -1
   */
  public static Header readImages(InputStream in, String source, long length, Function<Header, ImageSink> start) {
    requireNonNull(in, "in is null");
    requireNonNull(source, "source is null");
    requireNonNull(start, "start is null");
    try (Content content = decompressed(in, source)) {
      byte[] prefix = content.stream.readNBytes(4);
      int magic = magic(prefix, source, "image");
      if (magic != IMAGES_MAGIC && magic != CHANNEL_IMAGES_MAGIC) {
        throw new DatasetException(String.format(
            "%s: not an IDX image file: magic 0x%08x, expected 0x%08x (or 0x%08x with channels)",
            source, magic, IMAGES_MAGIC, CHANNEL_IMAGES_MAGIC));
      }
      int dimensions = magic == IMAGES_MAGIC ? 3 : 4;
      ByteBuffer header = ByteBuffer.wrap(readFully(content.stream, 4 * dimensions, source, "header"));
      int count = header.getInt();
      int rows = header.getInt();
      int columns = header.getInt();
      int channels = dimensions == 4 ? header.getInt() : 1;
      String described = count + " images of " + rows + "x" + columns + (dimensions == 4 ? "x" + channels : "");
      if (count < 0 || rows < 1 || columns < 1 || (channels != 1 && channels != 3)) {
        throw new DatasetException(source + ": invalid dimensions: " + described
            + "; expected a count, rows and columns of at least 1 (and 1 or 3 channels)");
      }
      long imageBytes = (long) rows * columns * channels;
      if (imageBytes > MAX_IMAGE_BYTES) {
        throw new DatasetException(source + ": images of " + rows + "x" + columns + "x" + channels
            + " are too large (" + imageBytes + " bytes each; at most " + MAX_IMAGE_BYTES + ")");
      }
      long dataBytes = count * imageBytes;
      long headerBytes = 4 + 4L * dimensions;
      if (!content.compressed && length >= 0 && length != headerBytes + dataBytes) {
        throw new DatasetException(source + ": the header claims " + described + " (" + (headerBytes + dataBytes)
            + " bytes with the header), but the file holds " + length + " bytes");
      }
      requireCompressible(content, length, headerBytes + dataBytes, source, described);
      Header result = new Header(count, new ImageShape(rows, columns, channels));
      ImageSink sink = requireNonNull(start.apply(result), "the image sink is null");
      byte[] image = new byte[(int) imageBytes];
      for (int index = 0; index < count; index++) {
        int read = content.stream.readNBytes(image, 0, image.length);
        if (read < image.length) {
          throw new DatasetException(source + ": truncated: the header claims " + described + ", but the data ends in image "
              + index);
        }
        sink.accept(index, image);
      }
      requireEnd(content.stream, source, described);
      return result;
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an IDX label stream: one unsigned byte per image.
   *
   * @param length the stream's length in bytes if it is a file, else -1
   */
  public static byte[] readLabels(InputStream in, String source, long length) {
    requireNonNull(in, "in is null");
    requireNonNull(source, "source is null");
    try (Content content = decompressed(in, source)) {
      int magic = magic(content.stream.readNBytes(4), source, "label");
      if (magic != LABELS_MAGIC) {
        throw new DatasetException(String.format(
            "%s: not an IDX label file: magic 0x%08x, expected 0x%08x", source, magic, LABELS_MAGIC));
      }
      int count = ByteBuffer.wrap(readFully(content.stream, 4, source, "header")).getInt();
      if (count < 0) {
        throw new DatasetException(source + ": invalid dimensions: " + count + " labels");
      }
      if (!content.compressed && length >= 0 && length != 8L + count) {
        throw new DatasetException(source + ": the header claims " + count + " labels (" + (8L + count)
            + " bytes with the header), but the file holds " + length + " bytes");
      }
      requireCompressible(content, length, 8L + count, source, count + " labels");
      ByteArrayBuilder labels = new ByteArrayBuilder(count);
      byte[] buffer = new byte[BUFFER_SIZE];
      long remaining = count;
      while (remaining > 0) {
        int read = content.stream.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          throw new DatasetException(source + ": truncated: the header claims " + count + " labels, found "
              + (count - remaining));
        }
        labels.append(buffer, read);
        remaining -= read;
      }
      requireEnd(content.stream, source, count + " labels");
      return labels.toArray();
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A growing array that never allocates more than the data that arrived (whatever a header claims). */
  private static final class ByteArrayBuilder {
    private byte[] bytes;
    private int length;

    ByteArrayBuilder(int expected) {
      bytes = new byte[Math.min(expected, BUFFER_SIZE)];
    }

    void append(byte[] buffer, int count) {
      if (length + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8L,
            Math.max((long) length + count, 2L * bytes.length)));
      }
      System.arraycopy(buffer, 0, bytes, length, count);
      length += count;
    }

    byte[] toArray() {
      return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
  }

  /** The content of a stream, and whether it is gzip-compressed; closing it leaves the stream open. */
  private record Content(InputStream stream, boolean compressed) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (compressed) {
        stream.close();
      }
    }
  }

  private static Content decompressed(InputStream in, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_SIZE);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    return gzip ? new Content(new GzipMember(buffered, source), true) : new Content(buffered, false);
  }

  /** Refuses a compressed file whose header claims more bytes than deflate can make of it. */
  private static void requireCompressible(Content content, long length, long claimed, String source, String described) {
    if (content.compressed && length >= 0 && claimed > length * GzipMember.MAX_EXPANSION_RATIO) {
      throw new DatasetException(source + ": the header claims " + described + " (" + claimed + " bytes with the header),"
          + " more than the " + length + " compressed bytes of the file can hold");
    }
  }

  private static int magic(byte[] prefix, String source, String kind) {
    if (prefix.length < 4) {
      throw new DatasetException(source + ": not an IDX " + kind + " file: " + prefix.length + " bytes, too short for a header");
    }
    return ByteBuffer.wrap(prefix).getInt();
  }

  private static byte[] readFully(InputStream in, int length, String source, String what) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new DatasetException(source + ": truncated in the " + what + ": expected " + length + " bytes, found "
          + bytes.length);
    }
    return bytes;
  }

  private static void requireEnd(InputStream in, String source, String described) throws IOException {
    if (in.read() != -1) {
      throw new DatasetException(source + ": unexpected data after the " + described + " the header claims");
    }
  }
}
