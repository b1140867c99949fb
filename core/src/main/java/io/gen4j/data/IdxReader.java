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

/**
 * Reads files in the IDX format of MNIST: a big-endian header followed by unsigned bytes.
 *
 * <p>Image files have magic {@code 0x00000803} and the header {@code count, rows, columns}; label
 * files have magic {@code 0x00000801} and the header {@code count}. Gzip compression is detected
 * from the content (the bytes {@code 0x1f 0x8b}), not from the file name. Streams are read to their
 * end and left open: their caller closes them.
 *
 * <p>Hostile files are refused before they cost memory: the size a header claims must fit in a third
 * of the Java heap (and, for a file, in what its bytes can hold: the file itself, or at most {@value
 * #MAX_GZIP_RATIO} times it when gzip-compressed), only that many bytes are inflated, and a byte after
 * them, or after the end of the gzip stream, is an error.
 */
public final class IdxReader {

  /** Magic number of an IDX file of unsigned-byte images. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte labels. */
  public static final int LABELS_MAGIC = 0x00000801;

  /** The largest array the JVM reliably allocates. */
  private static final long MAXIMUM_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** The most deflate can expand: 1032 to 1 for a stream of zeros. */
  static final long MAX_GZIP_RATIO = 1032;

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
      return readImages(in, file.toString(), size(file));
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
    return readImages(in, sourceName, -1);
  }

  private static ImageDataset readImages(InputStream in, String sourceName, long sourceBytes) {
    requireNonNull(in, "in is null");
    requireNonNull(sourceName, "sourceName is null");
    try {
      Content content = decompressed(in, sourceName);
      ByteBuffer header = readHeader(content.stream(), sourceName, IMAGES_MAGIC, "image", 16);
      int count = header.getInt();
      int rows = header.getInt();
      int columns = header.getInt();
      String images = count + " images of " + rows + "x" + columns;
      if (count < 0 || rows < 1 || columns < 1) {
        throw new DatasetException(sourceName + ": invalid dimensions: " + images);
      }
      long length = bodyLength(count, rows, columns);
      if (length > MAXIMUM_ARRAY_LENGTH) {
        throw new DatasetException(
            sourceName + ": too large: " + images + " need "
                + (length == Long.MAX_VALUE ? "more bytes than" : length + " bytes, more than") + " one"
                + " array holds (" + MAXIMUM_ARRAY_LENGTH + ")");
      }
      requirePlausible(length, 16, content.gzip(), sourceBytes, sourceName, "pixel bytes for " + images);
      byte[] pixels = readBody(content.stream(), sourceName, (int) length, "pixel bytes for " + images, sourceBytes >= 0);
      return new ImageDataset(sourceName, new ImageShape(rows, columns, 1), pixels, null, count);
    } catch (IOException e) {
      throw new DatasetException(sourceName + ": cannot read: " + describe(e), e);
    }
  }

  /**
   * Reads an IDX label file: one unsigned byte per image.
   *
   * @throws DatasetException if the file is missing, unreadable or not a valid IDX label file
   */
  public static byte[] readLabels(Path file) {
    return readLabels(file, 256);
  }

  /**
   * Reads an IDX label file of a dataset with {@code classes} classes: one unsigned byte per image, each
   * below {@code classes}.
   *
   * @throws DatasetException if the file is missing, unreadable, not a valid IDX label file, or holds a
   *     label outside the classes
   */
  public static byte[] readLabels(Path file, int classes) {
    requireNonNull(file, "file is null");
    try (InputStream in = open(file)) {
      return readLabels(in, file.toString(), classes, size(file));
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
    return readLabels(in, sourceName, 256, -1);
  }

  /**
   * Reads IDX labels of a dataset with {@code classes} classes from a stream.
   *
   * @param sourceName names the stream in error messages, usually its file name
   * @param classes the number of classes, in [1, 256]: every label must be below it
   * @throws DatasetException if the stream is unreadable, not a valid IDX label file, or holds a label
   *     outside the classes
   */
  public static byte[] readLabels(InputStream in, String sourceName, int classes) {
    return readLabels(in, sourceName, classes, -1);
  }

  private static byte[] readLabels(InputStream in, String sourceName, int classes, long sourceBytes) {
    requireNonNull(in, "in is null");
    requireNonNull(sourceName, "sourceName is null");
    if (classes < 1 || classes > 256) {
      throw new IllegalArgumentException("classes must be in [1, 256], got " + classes);
    }
    try {
      Content content = decompressed(in, sourceName);
      int count = readHeader(content.stream(), sourceName, LABELS_MAGIC, "label", 8).getInt();
      if (count < 0) {
        throw new DatasetException(sourceName + ": invalid dimensions: " + count + " labels");
      }
      requirePlausible(count, 8, content.gzip(), sourceBytes, sourceName, "label bytes");
      byte[] labels = readBody(content.stream(), sourceName, count, "label bytes", sourceBytes >= 0);
      for (int i = 0; i < labels.length; i++) {
        if ((labels[i] & 0xff) >= classes) {
          throw new DatasetException(sourceName + ": label " + (labels[i] & 0xff) + " of image " + i
              + " is outside the " + classes + " classes (0 to " + (classes - 1) + ")");
        }
      }
      return labels;
    } catch (IOException e) {
      throw new DatasetException(sourceName + ": cannot read: " + describe(e), e);
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

  /** count x rows x columns, or {@link Long#MAX_VALUE} when it overflows a long. */
  private static long bodyLength(int count, int rows, int columns) {
    try {
      return Math.multiplyExact(Math.multiplyExact((long) count, rows), columns);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A file's size, or -1 if it cannot be told. */
  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** The content of a stream, and whether it is gzip-compressed. */
  private record Content(InputStream stream, boolean gzip) {}

  /** Wraps the stream in a strict gzip decoder when it starts with the gzip magic bytes. */
  private static Content decompressed(InputStream in, String sourceName) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_SIZE);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    return new Content(gzip ? new GzipMember(buffered, sourceName) : buffered, gzip);
  }

  /**
   * Refuses a claimed body size before anything is allocated for it: more than a third of the Java
   * heap, or more than the file's bytes can hold.
   */
  private static void requirePlausible(
      long length, int headerLength, boolean gzip, long sourceBytes, String sourceName, String what) {
    long heap = Runtime.getRuntime().maxMemory() / 3;
    if (length > heap) {
      throw new DatasetException(sourceName + ": the header claims " + length + " " + what
          + ", more than a third of the Java heap (" + heap + " bytes); give Java more memory"
          + " (e.g. GEN4J_JAVA_OPTS=-Xmx8g) if the file is right");
    }
    if (sourceBytes < 0) {
      return;
    }
    long capacity = gzip ? sourceBytes * MAX_GZIP_RATIO : sourceBytes - headerLength;
    if (length > capacity) {
      throw new DatasetException(sourceName + ": truncated: the header claims " + length + " " + what + ", but the "
          + (gzip ? "compressed " : "") + "file has only " + sourceBytes + " bytes");
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.io.EOFException) {
      return "the file ends early";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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

  /**
   * Reads exactly {@code length} bytes and checks that nothing follows them.
   *
   * @param sizeChecked whether the claim was checked against the file's size, so the whole body may be
   *     allocated at once; otherwise memory grows with the bytes actually read
   */
  private static byte[] readBody(InputStream in, String sourceName, int length, String what, boolean sizeChecked)
      throws IOException {
    byte[] body;
    int read;
    if (sizeChecked) {
      body = new byte[length];
      read = in.readNBytes(body, 0, length);
    } else {
      body = in.readNBytes(length);
      read = body.length;
    }
    if (read < length) {
      throw new DatasetException(
          sourceName + ": truncated: expected " + length + " " + what + ", found " + read);
    }
    if (in.read() != -1) {
      throw new DatasetException(
          sourceName + ": unexpected data after the " + length + " " + what);
    }
    return body;
  }
}
