package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;

/**
 * The index of a TensorFlow checkpoint ({@code <prefix>.index}), read without TensorFlow: which tensors
 * the checkpoint holds, with their types, shapes and where their bytes lie in the data shards. The file
 * is a LevelDB-style table (uncompressed blocks of prefix-compressed keys, each with a CRC-32C, an
 * index block and a 48-byte footer) whose values are {@link BundleEntryProto}s, the empty key holding
 * the {@link BundleHeaderProto}. Everything is bounds-checked, so a damaged or hostile file is a
 * {@link CheckpointException}, never a crash or a huge allocation.
 *
 * @param header the bundle's header: number of shards, byte order, format version
 * @param entries every tensor by name, in the file's order
 */
public record CheckpointIndex(BundleHeaderProto header, Map<String, BundleEntryProto> entries) {

  /** The largest index read: far above the index of any image model. */
  public static final int MAX_BYTES = 64 << 20;

  /** The most tensors an index may name. */
  public static final int MAX_ENTRIES = 1 << 20;

  private static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER_LENGTH = 48;
  private static final int BLOCK_TRAILER_LENGTH = 5;
  private static final int MASK_DELTA = 0xa282ead8;

  public CheckpointIndex {
    requireNonNull(header, "header is null");
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(entries, "entries is null")));
  }

  /**
   * Reads an index file.
   *
   * @throws CheckpointException naming the file if it is missing, too large or not a valid index
   */
  public static CheckpointIndex read(Path file) {
    requireNonNull(file, "file is null");
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new CheckpointException(file + ": " + size + " bytes; an index has at most " + MAX_BYTES);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file + ": missing");
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * Parses the bytes of an index file.
   *
   * @param source names the file in errors
   * @throws CheckpointException naming {@code source} if the bytes are not a valid index
   */
  public static CheckpointIndex parse(byte[] bytes, String source) {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(source, "source is null");
    return new Parser(bytes, source).parse();
  }

  /** The bytes of a tensor of this entry's type and shape, or -1 for types without a fixed size. */
  static long expectedBytes(BundleEntryProto entry) {
    int elementBytes = elementBytes(entry.getDtype());
    if (elementBytes < 0 || entry.getShape().getUnknownRank()) {
      return -1;
    }
    long elements = 1;
    for (var dimension : entry.getShape().getDimList()) {
      if (dimension.getSize() < 0) {
        return -1;
      }
      elements = Math.multiplyExact(elements, dimension.getSize());
    }
    return Math.multiplyExact(elements, elementBytes);
  }

  private static int elementBytes(org.tensorflow.proto.DataType type) {
    return switch (type) {
      case DT_FLOAT, DT_INT32, DT_UINT32 -> 4;
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_HALF, DT_BFLOAT16, DT_INT16, DT_UINT16 -> 2;
      case DT_BOOL, DT_INT8, DT_UINT8 -> 1;
      case DT_COMPLEX128 -> 16;
      default -> -1;
    };
  }

  /** One pass over the table. */
  private static final class Parser {
    private final byte[] bytes;
    private final String source;

    Parser(byte[] bytes, String source) {
      this.bytes = bytes;
      this.source = source;
    }

    CheckpointIndex parse() {
      if (bytes.length < FOOTER_LENGTH) {
        throw fail("truncated: " + bytes.length + " bytes, shorter than the " + FOOTER_LENGTH + "-byte footer");
      }
      ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER_LENGTH, FOOTER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
      if (footer.getLong(bytes.length - 8) != MAGIC) {
        throw fail("not a TensorFlow checkpoint index (bad magic number)");
      }
      int[] cursor = {bytes.length - FOOTER_LENGTH};
      long[] metaIndex = handle(cursor, bytes.length - 8);
      long[] index = handle(cursor, bytes.length - 8);
      if (metaIndex[0] < 0) {
        throw fail("corrupt footer");
      }
      Map<String, BundleEntryProto> entries = new LinkedHashMap<>();
      BundleHeaderProto[] header = {null};
      ByteBuffer indexBlock = block(index, "index block");
      forEachEntry(indexBlock, "index block", (key, value) -> {
        int[] at = {value.position()};
        long[] dataHandle = handle(at, value.limit(), value);
        ByteBuffer data = block(dataHandle, "data block");
        forEachEntry(data, "data block", (name, entry) -> add(name, entry, entries, header));
      });
      if (header[0] == null) {
        throw fail("no bundle header (the empty key)");
      }
      if (header[0].getNumShards() < 1 || header[0].getNumShards() > 1 << 16) {
        throw fail("header names " + header[0].getNumShards() + " shards");
      }
      for (Map.Entry<String, BundleEntryProto> entry : entries.entrySet()) {
        if (entry.getValue().getShardId() < 0 || entry.getValue().getShardId() >= header[0].getNumShards()) {
          throw fail("tensor '" + printable(entry.getKey()) + "' lies in shard " + entry.getValue().getShardId()
              + " of " + header[0].getNumShards());
        }
        if (entry.getValue().getOffset() < 0 || entry.getValue().getSize() < 0) {
          throw fail("tensor '" + printable(entry.getKey()) + "' has a negative offset or size");
        }
      }
      return new CheckpointIndex(header[0], entries);
    }

    private void add(String name, ByteBuffer value, Map<String, BundleEntryProto> entries, BundleHeaderProto[] header) {
      byte[] proto = new byte[value.remaining()];
      value.get(proto);
      try {
        if (name.isEmpty()) {
          header[0] = BundleHeaderProto.parseFrom(proto);
        } else {
          if (entries.size() >= MAX_ENTRIES) {
            throw fail("more than " + MAX_ENTRIES + " tensors");
          }
          if (entries.put(name, BundleEntryProto.parseFrom(proto)) != null) {
            throw fail("tensor '" + printable(name) + "' is listed twice");
          }
        }
      } catch (InvalidProtocolBufferException e) {
        throw fail("the entry of '" + printable(name) + "' is not a tensor description");
      }
    }

    /** The contents of the block a handle points at, after checking its trailer's type and checksum. */
    private ByteBuffer block(long[] handle, String what) {
      long offset = handle[0];
      long size = handle[1];
      long end = bytes.length - FOOTER_LENGTH;
      if (offset < 0 || size < 0 || offset > end || size > end - offset - BLOCK_TRAILER_LENGTH) {
        throw fail(what + " at " + offset + " of " + size + " bytes lies outside the file");
      }
      int start = (int) offset;
      int length = (int) size;
      byte type = bytes[start + length];
      if (type != 0) {
        throw fail(what + " is compressed (type " + type + "); expected an uncompressed checkpoint index");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, start, length + 1);
      int actual = mask((int) crc.getValue());
      int expected = ByteBuffer.wrap(bytes, start + length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (actual != expected) {
        throw fail(what + " at " + offset + " fails its checksum");
      }
      return ByteBuffer.wrap(bytes, start, length).slice();
    }

    /** Calls {@code consumer} with each key and value of a block, keys decoded from their shared prefixes. */
    private void forEachEntry(ByteBuffer block, String what, EntryConsumer consumer) {
      int length = block.limit();
      if (length < 4) {
        throw fail(what + " is shorter than its restart count");
      }
      long restarts = Integer.toUnsignedLong(block.order(ByteOrder.LITTLE_ENDIAN).getInt(length - 4));
      if (restarts > (length - 4) / 4) {
        throw fail(what + " claims " + restarts + " restart points");
      }
      int limit = length - 4 - (int) restarts * 4;
      byte[] key = new byte[0];
      int[] at = {0};
      while (at[0] < limit) {
        long shared = varint(block, at, limit, 5);
        long unshared = varint(block, at, limit, 5);
        long valueLength = varint(block, at, limit, 5);
        if (shared > key.length || unshared > limit - at[0] || valueLength > limit - at[0] - unshared) {
          throw fail(what + ": an entry runs past the end of its block");
        }
        byte[] next = Arrays.copyOf(key, (int) (shared + unshared));
        block.get(at[0], next, (int) shared, (int) unshared);
        at[0] += (int) unshared;
        key = next;
        ByteBuffer value = block.slice(at[0], (int) valueLength);
        at[0] += (int) valueLength;
        consumer.accept(new String(key, java.nio.charset.StandardCharsets.UTF_8), value);
      }
    }

    private long[] handle(int[] cursor, int limit) {
      return handle(cursor, limit, ByteBuffer.wrap(bytes));
    }

    private long[] handle(int[] cursor, int limit, ByteBuffer buffer) {
      long offset = varint(buffer, cursor, limit, 10);
      long size = varint(buffer, cursor, limit, 10);
      return new long[] {offset, size};
    }

    private long varint(ByteBuffer buffer, int[] cursor, int limit, int maxBytes) {
      long value = 0;
      for (int i = 0; i < maxBytes; i++) {
        if (cursor[0] >= limit) {
          throw fail("truncated number");
        }
        int b = buffer.get(cursor[0]++) & 0xff;
        value |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (value < 0) {
            throw fail("number out of range");
          }
          return value;
        }
      }
      throw fail("number longer than " + maxBytes + " bytes");
    }

    private CheckpointException fail(String problem) {
      return new CheckpointException(source + ": " + problem);
    }
  }

  @FunctionalInterface
  private interface EntryConsumer {
    void accept(String key, ByteBuffer value);
  }

  private static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** A tensor name as it can be printed on one line. */
  static String printable(String name) {
    String cleaned = name.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return cleaned.length() <= 100 ? cleaned : cleaned.substring(0, 97) + "...";
  }
}
