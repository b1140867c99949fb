package io.gen4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds the bytes of small dataset files (IDX, gzip, .npy) for tests in any package. */
public final class TestFiles {

  private TestFiles() {}

  /** An IDX file: magic, the dimensions, then the body as given. */
  public static byte[] idx(int magic, int[] dimensions, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int dimension : dimensions) {
        out.writeInt(dimension);
      }
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An IDX image file of grey images. */
  public static byte[] idxImages(int count, int rows, int columns, byte[] pixels) {
    return idx(0x803, new int[] {count, rows, columns}, pixels);
  }

  /** An IDX label file. */
  public static byte[] idxLabels(byte[] labels) {
    return idx(0x801, new int[] {labels.length}, labels);
  }

  /** The bytes gzip-compressed. */
  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A .npy file (format 1.0) with a header dict as given and the data bytes. */
  public static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
    String dictionary = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
        + shape + ", }";
    int unpadded = 10 + dictionary.length() + 1;
    String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buffer.putShort((short) header.length());
    buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
    buffer.put(data);
    return buffer.array();
  }

  /** Little-endian float32 values. */
  public static byte[] float32(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      buffer.putFloat(value);
    }
    return buffer.array();
  }

  /** Little-endian int64 values. */
  public static byte[] int64(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      buffer.putLong(value);
    }
    return buffer.array();
  }

  /** Writes bytes to {@code directory/name}. */
  public static Path write(Path directory, String name, byte[] content) {
    try {
      Files.createDirectories(directory);
      return Files.write(directory.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
