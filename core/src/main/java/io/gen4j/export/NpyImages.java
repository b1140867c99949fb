package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.files.AtomicFiles;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Images as NumPy {@code .npy} files: little-endian float32 ({@code '<f4'}), C order, values in [0, 1],
 * shape {@code (N, height, width)} for grey-scale images or {@code (N, height, width, channels)}. What
 * {@code numpy.save} writes for such an array, and what {@code numpy.load} reads back.
 *
 * <p>The reader is strict: any other dtype, Fortran order, a shape that is not a stack of images,
 * missing or extra data bytes, and values outside [0, 1] are rejected with a {@link
 * NpyFormatException} naming the file. Format versions 1.0, 2.0 and 3.0 are read; 1.0 is written
 * (2.0 only for headers over 64 KiB, which image shapes never need).
 */
public final class NpyImages {

  /** The dtype read and written: little-endian 32-bit float. */
  public static final String DTYPE = "<f4";

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final int MAX_VALUES = Integer.MAX_VALUE / Float.BYTES;
  private static final int MAX_SIDE = 1 << 15;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  private static final Pattern KEY = Pattern.compile("'([^']*)'\\s*:");
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)\\b");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyImages() {}

  /**
   * Writes a batch as a {@code .npy} file, atomically (temporary file, then rename): shape {@code (N,
   * height, width)} for one channel, {@code (N, height, width, channels)} otherwise.
   */
  public static void write(ImageBatch batch, Path file) {
    requireNonNull(batch, "batch is null");
    requireNonNull(file, "file is null");
    ImageShape shape = batch.shape();
    List<Long> dimensions = new ArrayList<>(List.of((long) batch.count(), (long) shape.height(), (long) shape.width()));
    if (shape.channels() != 1) {
      dimensions.add((long) shape.channels());
    }
    byte[] header = header(dimensions);
    float[] values = batch.toArray();
    ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    AtomicFiles.write(file, temporary -> {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writeFully(channel, ByteBuffer.wrap(header));
        writeFully(channel, data);
      }
    });
  }

  /**
   * Reads images from a {@code .npy} file.
   *
   * @throws NpyFormatException if the file is not a float32 C-ordered stack of images in [0, 1]
   * @throws IllegalArgumentException if there is no such file
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ImageBatch read(Path file) {
    requireNonNull(file, "file is null");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer preamble = readUpTo(channel, MAGIC.length + 2);
      for (int i = 0; i < MAGIC.length; i++) {
        if (preamble.limit() <= i || preamble.get(i) != MAGIC[i]) {
          throw fail(file, "not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
      }
      if (preamble.limit() < MAGIC.length + 2) {
        throw fail(file, "truncated in the format version");
      }
      int major = Byte.toUnsignedInt(preamble.get(MAGIC.length));
      int minor = Byte.toUnsignedInt(preamble.get(MAGIC.length + 1));
      if (major < 1 || major > 3 || minor != 0) {
        throw fail(file, "unsupported .npy format version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
      }
      int lengthBytes = major == 1 ? 2 : 4;
      ByteBuffer lengthBuffer = readUpTo(channel, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
      if (lengthBuffer.limit() < lengthBytes) {
        throw fail(file, "truncated in the header length");
      }
      long headerLength = major == 1
          ? Short.toUnsignedInt(lengthBuffer.getShort(0))
          : Integer.toUnsignedLong(lengthBuffer.getInt(0));
      if (headerLength > 1 << 20) {
        throw fail(file, "header of " + headerLength + " bytes; expected a short array description");
      }
      ByteBuffer headerBuffer = readUpTo(channel, (int) headerLength);
      if (headerBuffer.limit() < headerLength) {
        throw fail(file, "truncated in the header: expected " + headerLength + " bytes, found " + headerBuffer.limit());
      }
      String header = new String(headerBuffer.array(), 0, (int) headerLength,
          major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      long[] dimensions = parseHeader(file, header);
      ImageShape shape = imageShape(file, dimensions);
      long count = dimensions[0];
      if (count < 1) {
        throw fail(file, "holds no images (shape " + shapeText(dimensions) + ")");
      }
      if (count > MAX_VALUES / shape.size()) {
        throw fail(file, "shape " + shapeText(dimensions) + " is too large; at most " + MAX_VALUES
            + " values are supported");
      }
      long valueCount = count * shape.size();
      long dataStart = channel.position();
      long expectedBytes = valueCount * Float.BYTES;
      long actualBytes = channel.size() - dataStart;
      if (actualBytes < expectedBytes) {
        throw fail(file, "truncated: shape " + shapeText(dimensions) + " needs " + expectedBytes
            + " bytes of data, found " + actualBytes);
      }
      if (actualBytes > expectedBytes) {
        throw fail(file, (actualBytes - expectedBytes) + " bytes after the data of shape " + shapeText(dimensions)
            + "; expected exactly " + expectedBytes);
      }
      ByteBuffer data = readUpTo(channel, (int) expectedBytes).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[(int) valueCount];
      data.asFloatBuffer().get(values);
      for (int i = 0; i < values.length; i++) {
        float value = values[i];
        if (!(value >= 0f && value <= 1f)) {
          throw fail(file, String.format(Locale.ROOT,
              "value %s of image %d is outside [0, 1]; expected pixel values scaled to [0, 1]",
              Float.toString(value), i / shape.size()));
        }
      }
      return new ImageBatch(shape, (int) count, values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static long[] parseHeader(Path file, String header) {
    String dictionary = header.strip();
    if (!dictionary.startsWith("{") || !dictionary.endsWith("}")) {
      throw fail(file, "header is not a Python dict: " + abbreviate(dictionary));
    }
    Set<String> keys = new TreeSet<>();
    Matcher key = KEY.matcher(dictionary);
    while (key.find()) {
      keys.add(key.group(1));
    }
    if (!keys.equals(KEYS)) {
      throw fail(file, "header has keys " + keys + "; expected [descr, fortran_order, shape]");
    }
    Matcher descr = DESCR.matcher(dictionary);
    if (!descr.find()) {
      throw fail(file, "header's 'descr' is not a dtype string: " + abbreviate(dictionary));
    }
    if (!descr.group(1).equals(DTYPE)) {
      throw fail(file, "dtype '" + descr.group(1) + "' is not supported; expected '" + DTYPE
          + "' (little-endian float32, e.g. array.astype(numpy.float32))");
    }
    Matcher fortran = FORTRAN.matcher(dictionary);
    if (!fortran.find()) {
      throw fail(file, "header's 'fortran_order' is not True or False: " + abbreviate(dictionary));
    }
    if (fortran.group(1).equals("True")) {
      throw fail(file, "the array is in Fortran order; expected C order (save numpy.ascontiguousarray(array))");
    }
    Matcher shape = SHAPE.matcher(dictionary);
    if (!shape.find()) {
      throw fail(file, "header's 'shape' is not a tuple: " + abbreviate(dictionary));
    }
    String[] parts = shape.group(1).split(",", -1);
    List<Long> dimensions = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty() && i == parts.length - 1 && i > 0) {
        continue; // trailing comma, as in (10,)
      }
      try {
        long dimension = Long.parseLong(part);
        if (dimension < 0) {
          throw new NumberFormatException();
        }
        dimensions.add(dimension);
      } catch (NumberFormatException e) {
        throw fail(file, "header's 'shape' (" + shape.group(1) + ") is not a tuple of sizes");
      }
    }
    return dimensions.stream().mapToLong(Long::longValue).toArray();
  }

  private static ImageShape imageShape(Path file, long[] dimensions) {
    boolean rank = dimensions.length == 3 || dimensions.length == 4;
    long channels = dimensions.length == 4 ? dimensions[3] : 1;
    if (!rank || channels != 1 && channels != 3 || dimensions[1] < 1 || dimensions[2] < 1
        || dimensions[1] > MAX_SIDE || dimensions[2] > MAX_SIDE) {
      throw fail(file, "shape " + shapeText(dimensions)
          + " is not a stack of images; expected (N, height, width) or (N, height, width, channels) with 1 or 3 channels");
    }
    return new ImageShape((int) dimensions[1], (int) dimensions[2], (int) channels);
  }

  private static byte[] header(List<Long> dimensions) {
    String shape = dimensions.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    String dictionary = "{'descr': '" + DTYPE + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int preambleV1 = MAGIC.length + 2 + 2;
    boolean version1 = preambleV1 + dictionary.length() + 1 < 65536;
    int preamble = version1 ? preambleV1 : MAGIC.length + 2 + 4;
    int unpadded = preamble + dictionary.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String text = dictionary + " ".repeat(padding) + "\n";
    byte[] textBytes = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buffer = ByteBuffer.allocate(preamble + textBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).put((byte) (version1 ? 1 : 2)).put((byte) 0);
    if (version1) {
      buffer.putShort((short) textBytes.length);
    } else {
      buffer.putInt(textBytes.length);
    }
    buffer.put(textBytes);
    return buffer.array();
  }

  private static ByteBuffer readUpTo(FileChannel channel, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    int read = 0;
    while (buffer.hasRemaining() && read >= 0) {
      read = channel.read(buffer);
    }
    buffer.flip();
    return buffer;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static String shapeText(long[] dimensions) {
    if (dimensions.length == 1) {
      return "(" + dimensions[0] + ",)";
    }
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < dimensions.length; i++) {
      text.append(i == 0 ? "" : ", ").append(dimensions[i]);
    }
    return text.append(")").toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** The error, on one line: header text quoted in it may hold any byte. */
  private static NpyFormatException fail(Path file, String problem) {
    StringBuilder line = new StringBuilder();
    problem.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return new NpyFormatException(file + ": " + line);
  }
}
