package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Image batches as NumPy {@code .npy} files, so Python tools can score gen4j's samples: {@code
 * numpy.load("samples.npy")} gives a float32 array of shape {@code (N, H, W)} for grey-scale images
 * and {@code (N, H, W, C)} otherwise, C order, values in [0, 1].
 *
 * <p>Writes format version 1.0 with dtype {@code '<f4'}. Reads versions 1.0, 2.0 and 3.0 of such
 * arrays, strictly: another dtype, Fortran order, another rank, a short or long data section or a
 * value outside [0, 1] is an error naming the file. (The format: <a
 * href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.)
 */
public final class NpyFile {

  /** The dtype written and read: little-endian IEEE float32. */
  public static final String DTYPE = "<f4";

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** NumPy pads the header so that the data starts at a multiple of this. */
  private static final int ALIGNMENT = 64;

  private NpyFile() {}

  /** Writes a batch as a version 1.0 {@code .npy} file, atomically (temporary file, then rename). */
  public static void write(Path file, ImageBatch batch) {
    requireNonNull(file, "file is null");
    requireNonNull(batch, "batch is null");
    ImageShape shape = batch.shape();
    String dimensions = batch.count() + ", " + shape.height() + ", " + shape.width()
        + (shape.channels() == 1 ? "" : ", " + shape.channels());
    String dictionary = "{'descr': '" + DTYPE + "', 'fortran_order': False, 'shape': (" + dimensions + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dictionary.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    byte[] header = (dictionary + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
    float[] values = batch.toArray();
    ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + header.length + values.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
    buffer.asFloatBuffer().put(values);
    buffer.rewind();
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, "." + file.getFileName() + ".writing-", "");
      try {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@code .npy} file of float32 images.
   *
   * @throws IllegalArgumentException naming the file, if it is not a {@code .npy} file of that kind
   */
  public static ImageBatch read(Path file) {
    requireNonNull(file, "file is null");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Reading(file, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)).batch();
  }

  /** One read of one file, so every error can name it. */
  private static final class Reading {
    private final Path file;
    private final ByteBuffer bytes;

    Reading(Path file, ByteBuffer bytes) {
      this.file = file;
      this.bytes = bytes;
    }

    ImageBatch batch() {
      String header = header();
      Map<String, Object> fields = new HeaderParser(header).dictionary();
      Object descr = fields.get("descr");
      if (!DTYPE.equals(descr)) {
        throw error("dtype " + describe(descr) + " is not supported; expected '" + DTYPE
            + "' (little-endian float32; convert with array.astype('" + DTYPE + "'))");
      }
      if (!Boolean.FALSE.equals(fields.get("fortran_order"))) {
        throw error("fortran_order is " + describe(fields.get("fortran_order"))
            + "; only C order (False) is supported");
      }
      ImageBatchShape shape = shape(fields.get("shape"));
      long expected = (long) shape.count() * shape.image().size() * Float.BYTES;
      if (bytes.remaining() != expected) {
        throw error("the data section has " + bytes.remaining() + " bytes; shape " + describe(fields.get("shape"))
            + " of float32 needs " + expected);
      }
      float[] values = new float[shape.count() * shape.image().size()];
      bytes.asFloatBuffer().get(values);
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] >= 0f && values[i] <= 1f)) {
          throw error("image " + i / shape.image().size() + " has the value " + values[i]
              + ", outside [0, 1]");
        }
      }
      return new ImageBatch(shape.image(), shape.count(), values);
    }

    /** Checks the magic string and version and returns the header's text, leaving the data to read. */
    private String header() {
      byte[] magic = new byte[MAGIC.length];
      if (bytes.remaining() < MAGIC.length + 2) {
        throw error("not a .npy file (too short for the magic string \\x93NUMPY)");
      }
      bytes.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw error("not a .npy file (no magic string \\x93NUMPY at the start)");
      }
      int major = Byte.toUnsignedInt(bytes.get());
      int minor = Byte.toUnsignedInt(bytes.get());
      if (minor != 0 || major < 1 || major > 3) {
        throw error(".npy format version " + major + "." + minor + " is not supported (reads 1.0, 2.0 and 3.0)");
      }
      int lengthBytes = major == 1 ? 2 : 4;
      if (bytes.remaining() < lengthBytes) {
        throw error("the file ends inside the header length");
      }
      long length = major == 1 ? Short.toUnsignedInt(bytes.getShort()) : Integer.toUnsignedLong(bytes.getInt());
      if (length > bytes.remaining()) {
        throw error("the header is " + length + " bytes long but only " + bytes.remaining() + " bytes follow");
      }
      byte[] text = new byte[(int) length];
      bytes.get(text);
      return new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private ImageBatchShape shape(Object value) {
      if (!(value instanceof List<?> dimensions)) {
        throw error("shape " + describe(value) + " is not a tuple");
      }
      if (dimensions.size() != 3 && dimensions.size() != 4) {
        throw error("shape " + describe(value) + " has " + dimensions.size()
            + " dimensions; expected (N, H, W) or (N, H, W, C)");
      }
      long[] sizes = dimensions.stream().mapToLong(size -> (Long) size).toArray();
      long channels = sizes.length == 4 ? sizes[3] : 1;
      if (channels != 1 && channels != 3) {
        throw error("shape " + describe(value) + " has " + channels + " channels; expected 1 or 3");
      }
      if (sizes[1] < 1 || sizes[2] < 1) {
        throw error("shape " + describe(value) + " has images of no pixels");
      }
      try {
        long total = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(sizes[0], sizes[1]), sizes[2]), channels);
        if (total > Integer.MAX_VALUE - 8) {
          throw new ArithmeticException();
        }
      } catch (ArithmeticException e) {
        throw error("shape " + describe(value) + " holds more values than one batch can (2^31 - 9)");
      }
      return new ImageBatchShape((int) sizes[0], new ImageShape((int) sizes[1], (int) sizes[2], (int) channels));
    }

    private IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(file + ": " + problem);
    }

    /** A minimal parser for the Python dictionary literal of a {@code .npy} header. */
    private final class HeaderParser {
      private final String text;
      private int position;

      HeaderParser(String text) {
        this.text = text;
      }

      Map<String, Object> dictionary() {
        Map<String, Object> fields = new HashMap<>();
        expect('{');
        while (peek() != '}') {
          String key = string();
          expect(':');
          Object value = value(key);
          if (fields.put(key, value) != null) {
            throw headerError("the key '" + key + "' appears twice");
          }
          if (peek() == ',') {
            position++;
          } else if (peek() != '}') {
            throw headerError("expected ',' or '}' after the value of '" + key + "'");
          }
        }
        position++;
        if (!text.substring(position).isBlank() || !text.endsWith("\n")) {
          throw headerError("expected only spaces and a newline after the dictionary");
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
          if (!fields.containsKey(key)) {
            throw headerError("the key '" + key + "' is missing");
          }
        }
        if (fields.size() != 3) {
          throw headerError("unexpected keys besides descr, fortran_order and shape: " + fields.keySet());
        }
        return fields;
      }

      private Object value(String key) {
        char next = peek();
        if (next == '\'' || next == '"') {
          return string();
        }
        if (next == '(') {
          return tuple();
        }
        if (text.startsWith("True", position) || text.startsWith("False", position)) {
          boolean value = text.startsWith("True", position);
          position += value ? 4 : 5;
          return value;
        }
        throw headerError("cannot read the value of '" + key + "'");
      }

      private List<Long> tuple() {
        expect('(');
        List<Long> values = new ArrayList<>();
        while (peek() != ')') {
          int start = position;
          while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
          }
          if (start == position) {
            throw headerError("expected a non-negative integer in the shape");
          }
          try {
            values.add(Long.parseLong(text.substring(start, position)));
          } catch (NumberFormatException e) {
            throw headerError("the size " + text.substring(start, position) + " is too large");
          }
          if (peek() == ',') {
            position++;
          } else if (peek() != ')') {
            throw headerError("expected ',' or ')' in the shape");
          }
        }
        position++;
        return values;
      }

      private String string() {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
          throw headerError("expected a quoted string");
        }
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
          throw headerError("unterminated string");
        }
        String value = text.substring(position + 1, end);
        position = end + 1;
        return value;
      }

      private void expect(char expected) {
        if (peek() != expected) {
          throw headerError("expected '" + expected + "'");
        }
        position++;
      }

      /** The next character that is not a space, or 0 at the end. */
      private char peek() {
        while (position < text.length() && text.charAt(position) == ' ') {
          position++;
        }
        return position < text.length() ? text.charAt(position) : 0;
      }

      private IllegalArgumentException headerError(String problem) {
        return error("malformed header " + text.strip() + ": " + problem + " at character " + position);
      }
    }
  }

  private static String describe(Object value) {
    if (value instanceof String text) {
      return "'" + text + "'";
    }
    if (value instanceof List<?> list) {
      List<String> parts = list.stream().map(String::valueOf).toList();
      return "(" + String.join(", ", parts) + (parts.size() == 1 ? ",)" : ")");
    }
    if (value instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    return String.valueOf(value);
  }

  private record ImageBatchShape(int count, ImageShape image) {}
}
