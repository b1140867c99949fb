package io.gen4j.data.npy;

import io.gen4j.data.DatasetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A numeric dtype of a {@code .npy} file: kind ({@code u} unsigned, {@code i} signed, {@code f} float),
 * item size and byte order.
 */
record NpyDtype(char kind, int size, ByteOrder order) {

  /** Parses a dtype string such as {@code |u1}, {@code <f4} or {@code >i8}; null if it is not numeric. */
  static NpyDtype parse(String descr) {
    if (descr.length() < 2 || descr.length() > 3) {
      return null;
    }
    String body = descr;
    ByteOrder order = ByteOrder.nativeOrder();
    char first = descr.charAt(0);
    if (first == '<' || first == '>' || first == '|' || first == '=') {
      order = first == '>' ? ByteOrder.BIG_ENDIAN : first == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
      body = descr.substring(1);
    }
    if (body.length() != 2) {
      return null;
    }
    char kind = body.charAt(0);
    int size = body.charAt(1) - '0';
    boolean integer = (kind == 'u' || kind == 'i') && (size == 1 || size == 2 || size == 4 || size == 8);
    boolean floating = kind == 'f' && (size == 4 || size == 8);
    return integer || floating ? new NpyDtype(kind, size, order) : null;
  }

  boolean isFloat() {
    return kind == 'f';
  }

  /** The value at {@code index} (in items) of a buffer in this dtype's order, as a double. */
  double value(ByteBuffer buffer, int index) {
    int at = index * size;
    return switch (kind) {
      case 'f' -> size == 4 ? buffer.getFloat(at) : buffer.getDouble(at);
      case 'u' -> switch (size) {
        case 1 -> Byte.toUnsignedInt(buffer.get(at));
        case 2 -> Short.toUnsignedInt(buffer.getShort(at));
        case 4 -> Integer.toUnsignedLong(buffer.getInt(at));
        default -> unsignedLong(buffer.getLong(at));
      };
      default -> switch (size) {
        case 1 -> buffer.get(at);
        case 2 -> buffer.getShort(at);
        case 4 -> buffer.getInt(at);
        default -> (double) buffer.getLong(at);
      };
    };
  }

  private static double unsignedLong(long value) {
    return value >= 0 ? value : Double.MAX_VALUE;
  }

  /** Fails if the dtype is not one of those accepted for a role. */
  static NpyDtype require(String descr, String source, boolean allowFloat, String expected) {
    NpyDtype dtype = parse(descr);
    if (dtype == null || (dtype.isFloat() && !allowFloat)) {
      throw new DatasetException(source + ": dtype '" + descr + "' is not supported; expected " + expected);
    }
    return dtype;
  }
}
