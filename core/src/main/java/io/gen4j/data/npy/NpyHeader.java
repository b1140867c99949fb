package io.gen4j.data.npy;

import io.gen4j.data.DatasetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format 1.0, 2.0 or 3.0): the dtype, the memory order, the
 * shape, and where the data starts.
 *
 * @param descr the dtype string, e.g. {@code |u1} or {@code <f4}
 * @param fortranOrder whether the array is in Fortran (column-major) order
 * @param shape the dimensions
 * @param dataOffset the byte offset of the first value
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  private static final Pattern KEY = Pattern.compile("'([^']*)'\\s*:");
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)\\b");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /**
   * Reads the header at the start of a file, leaving the channel's position at the data.
   *
   * @throws DatasetException naming the file if it is not a readable .npy header
   */
  static NpyHeader read(FileChannel channel, String source) throws IOException {
    channel.position(0);
    ByteBuffer preamble = readUpTo(channel, MAGIC.length + 2);
    for (int i = 0; i < MAGIC.length; i++) {
      if (preamble.limit() <= i || preamble.get(i) != MAGIC[i]) {
        throw new DatasetException(source + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
      }
    }
    if (preamble.limit() < MAGIC.length + 2) {
      throw new DatasetException(source + ": truncated in the format version");
    }
    int major = Byte.toUnsignedInt(preamble.get(MAGIC.length));
    int minor = Byte.toUnsignedInt(preamble.get(MAGIC.length + 1));
    if (major < 1 || major > 3 || minor != 0) {
      throw new DatasetException(
          source + ": unsupported .npy format version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    ByteBuffer lengthBuffer = readUpTo(channel, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
    if (lengthBuffer.limit() < lengthBytes) {
      throw new DatasetException(source + ": truncated in the header length");
    }
    long headerLength = major == 1
        ? Short.toUnsignedInt(lengthBuffer.getShort(0))
        : Integer.toUnsignedLong(lengthBuffer.getInt(0));
    if (headerLength > MAX_HEADER_BYTES) {
      throw new DatasetException(source + ": header of " + headerLength + " bytes; expected a short array description");
    }
    ByteBuffer headerBuffer = readUpTo(channel, (int) headerLength);
    if (headerBuffer.limit() < headerLength) {
      throw new DatasetException(
          source + ": truncated in the header: expected " + headerLength + " bytes, found " + headerBuffer.limit());
    }
    String header = new String(headerBuffer.array(), 0, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parse(source, header, channel.position());
  }

  private static NpyHeader parse(String source, String header, long dataOffset) {
    String dictionary = header.strip();
    if (!dictionary.startsWith("{") || !dictionary.endsWith("}")) {
      throw new DatasetException(source + ": the .npy header is not a Python dict: " + abbreviate(dictionary));
    }
    Set<String> keys = new TreeSet<>();
    Matcher key = KEY.matcher(dictionary);
    while (key.find()) {
      keys.add(key.group(1));
    }
    if (!keys.equals(KEYS)) {
      throw new DatasetException(
          source + ": the .npy header has keys " + printable(keys.toString()) + "; expected [descr, fortran_order, shape]");
    }
    Matcher descr = DESCR.matcher(dictionary);
    Matcher fortran = FORTRAN.matcher(dictionary);
    Matcher shape = SHAPE.matcher(dictionary);
    if (!descr.find() || !fortran.find() || !shape.find()) {
      throw new DatasetException(source + ": the .npy header is malformed: " + abbreviate(dictionary));
    }
    String[] parts = shape.group(1).split(",", -1);
    List<Long> dimensions = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty() && i == parts.length - 1 && i > 0) {
        continue; // a trailing comma, as in (10,)
      }
      try {
        long dimension = Long.parseLong(part.endsWith("L") ? part.substring(0, part.length() - 1) : part);
        if (dimension < 0) {
          throw new NumberFormatException();
        }
        dimensions.add(dimension);
      } catch (NumberFormatException e) {
        throw new DatasetException(
            source + ": the .npy header's shape (" + printable(shape.group(1)) + ") is not a tuple of sizes");
      }
    }
    // A descr with control characters is no dtype; made printable, it is refused in one line.
    return new NpyHeader(printable(descr.group(1)), fortran.group(1).equals("True"),
        dimensions.stream().mapToLong(Long::longValue).toArray(), dataOffset);
  }

  /** The shape as Python writes it, e.g. {@code (10, 28, 28)}. */
  String shapeText() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      text.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return text.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static ByteBuffer readUpTo(FileChannel channel, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading until full or at the end
    }
    buffer.flip();
    return buffer;
  }

  private static String abbreviate(String text) {
    return printable(text.length() > 80 ? text.substring(0, 77) + "..." : text);
  }

  /** The text with control characters (line breaks among them) shown as '?', for one-line messages. */
  private static String printable(String text) {
    StringBuilder line = new StringBuilder(text.length());
    text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return line.toString();
  }
}
