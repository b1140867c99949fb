package io.gen4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

  private IdxFiles() {}

  /** An IDX image file: header {@code count, rows, columns}, then {@code pixels} as given. */
  static byte[] images(int count, int rows, int columns, byte[] pixels) {
    return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, columns}, pixels);
  }

  /** An IDX label file: header {@code count}, then {@code labels} as given. */
  static byte[] labels(int count, byte[] labels) {
    return idx(IdxReader.LABELS_MAGIC, new int[] {count}, labels);
  }

  static byte[] idx(int magic, int[] dimensions, byte[] body) {
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

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path directory, String name, byte[] content) {
    try {
      return Files.write(directory.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
