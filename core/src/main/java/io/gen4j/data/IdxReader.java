package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads files in the IDX format of MNIST: a big-endian header followed by unsigned bytes.
 *
 * <p>Image files have magic {@code 0x00000803} and the header {@code count, rows, columns}; label
 * files have magic {@code 0x00000801} and the header {@code count}. Gzip compression is detected
 * from the content (the bytes {@code 0x1f 0x8b}), not from the file name. Streams are read to their
 * end and left open: their caller closes them.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned-byte images. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte labels. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The largest array the JVM reliably allocates. */
  private static final long MAXIMUM_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private static final int BUFFER_SIZE = 1 << 16;

  private IdxReader() {}

  /**
   * Reads an IDX image file as an unlabelled dataset named after the file.
   *
   * @throws DatasetException if the file is missing, unreadable or not a valid IDX image file
   */
  public static ImageDataset readImages(Path file) {
    requireNonNull(file, "file is null");
    try (InputStream in = open(file)) {
      return readImages(in, file.toString());
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot close: " + e.getMessage(), e);
    }
  }

  /**
   * Reads IDX images from a stream as an unlabelled dataset named {@code sourceName}.
   *
   * @param sourceName names the stream in error messages, usually its file name
   * @throws DatasetException if the stream is unreadable or not a valid IDX image file
   */
  public static ImageDataset readImages(InputStream in, String sourceName) {
    requireNonNull(in, "in is null");
    requireNonNull(sourceName, "sourceName is null");
    try {
      InputStream content = decompressed(in);
      ByteBuffer header = readHeader(content, sourceName, IMAGES_MAGIC, "image", 16);
      int count = header.getInt();
      int rows = header.getInt();
      int columns = header.getInt();
      String images = count + " images of " + rows + "x" + columns;
      if (count < 0 || rows < 1 || columns < 1) {
        throw new DatasetException(sourceName + ": invalid dimensions: " + images);
      }
      long length = (long) count * rows * columns;
      if (length > MAXIMUM_ARRAY_LENGTH) {
        throw new DatasetException(
            sourceName + ": too large: " + images + " need " + length + " bytes, more than one"
                + " array holds (" + MAXIMUM_ARRAY_LENGTH + ")");
      }
      byte[] pixels = readBody(content, sourceName, (int) length, "pixel bytes for " + images);
      return new ImageDataset(sourceName, new ImageShape(rows, columns, 1), pixels, null, count);
    } catch (IOException e) {
      throw new DatasetException(sourceName + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an IDX label file: one unsigned byte per image.
   *
   * @throws DatasetException if the file is missing, unreadable or not a valid IDX label file
   */
  public static byte[] readLabels(Path file) {
    requireNonNull(file, "file is null");
    try (InputStream in = open(file)) {
      return readLabels(in, file.toString());
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot close: " + e.getMessage(), e);
    }
  }

  /**
   * Reads IDX labels from a stream: one unsigned byte per image.
   *
   * @param sourceName names the stream in error messages, usually its file name
   * @throws DatasetException if the stream is unreadable or not a valid IDX label file
   */
  public static byte[] readLabels(InputStream in, String sourceName) {
    requireNonNull(in, "in is null");
    requireNonNull(sourceName, "sourceName is null");
    try {
      InputStream content = decompressed(in);
      int count = readHeader(content, sourceName, LABELS_MAGIC, "label", 8).getInt();
      if (count < 0) {
        throw new DatasetException(sourceName + ": invalid dimensions: " + count + " labels");
      }
      return readBody(content, sourceName, count, "label bytes");
    } catch (IOException e) {
      throw new DatasetException(sourceName + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot open: " + e.getMessage(), e);
    }
  }

  /** Wraps the stream in a gzip decoder when it starts with the gzip magic bytes. */
  private static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_SIZE);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    return gzip ? new GZIPInputStream(buffered, BUFFER_SIZE) : buffered;
  }

  /** Reads and checks the magic number, then returns the rest of the header, big-endian. */
  private static ByteBuffer readHeader(
      InputStream in, String sourceName, int expectedMagic, String kind, int headerLength)
      throws IOException {
    byte[] header = in.readNBytes(headerLength);
    if (header.length >= 4) {
      int magic = ByteBuffer.wrap(header).getInt();
      if (magic != expectedMagic) {
        throw new DatasetException(
            String.format(
                "%s: not an IDX %s file: magic 0x%08x, expected 0x%08x",
                sourceName, kind, magic, expectedMagic));
      }
    }
    if (header.length < headerLength) {
      throw new DatasetException(
          sourceName + ": truncated: expected a " + headerLength + "-byte header, found "
              + header.length + " bytes");
    }
    return ByteBuffer.wrap(header, 4, headerLength - 4);
  }

  /** Reads exactly {@code length} bytes and checks that nothing follows them. */
  private static byte[] readBody(InputStream in, String sourceName, int length, String what)
      throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new DatasetException(
          sourceName + ": truncated: expected " + length + " " + what + ", found " + body.length);
    }
    if (in.read() != -1) {
      throw new DatasetException(
          sourceName + ": unexpected data after the " + length + " " + what);
    }
    return body;
  }
}
