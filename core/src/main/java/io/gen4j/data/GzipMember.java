package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One gzip member (RFC 1952) read strictly: its header, its deflate data, its CRC-32 and size, and then
 * nothing: a second member or any other byte after the first is refused, as trailing data is in a plain
 * file. {@link java.util.zip.GZIPInputStream} reads concatenated members and silently ignores what
 * follows the last; a dataset file should be exactly what its checksum says. Inflates only as far as it
 * is read, so a reader that stops at the size a header promises never inflates a bomb.
 */
final class GzipMember extends InputStream {

  private static final int FLAG_HEADER_CRC = 2;
  private static final int FLAG_EXTRA = 4;
  private static final int FLAG_NAME = 8;
  private static final int FLAG_COMMENT = 16;
  private static final int MAX_HEADER_FIELD = 1 << 16;

  private final InputStream in;
  private final String sourceName;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[1 << 16];
  private int inputLength;
  private long inflated;
  private boolean finished;

  /**
   * Reads the member's header.
   *
   * @param sourceName names the stream in errors
   * @throws DatasetException if the header is truncated or not a gzip header
   */
  GzipMember(InputStream in, String sourceName) throws IOException {
    this.in = requireNonNull(in, "in is null");
    this.sourceName = requireNonNull(sourceName, "sourceName is null");
    readHeader();
  }

  private void readHeader() throws IOException {
    int first = in.read();
    int second = in.read();
    if (first != 0x1f || second != 0x8b) {
      throw new DatasetException(sourceName + ": not a gzip stream");
    }
    int method = headerByte();
    if (method != 8) {
      throw new DatasetException(sourceName + ": gzip compression method " + method + " is not deflate");
    }
    int flags = headerByte();
    skipHeader(6); // modification time, extra flags, operating system
    if ((flags & FLAG_EXTRA) != 0) {
      int length = headerByte() | headerByte() << 8;
      skipHeader(length);
    }
    if ((flags & FLAG_NAME) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FLAG_COMMENT) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FLAG_HEADER_CRC) != 0) {
      skipHeader(2);
    }
  }

  private int headerByte() throws IOException {
    int value = in.read();
    if (value < 0) {
      throw new DatasetException(sourceName + ": truncated: the file ends inside its gzip header");
    }
    return value;
  }

  private void skipHeader(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      headerByte();
    }
  }

  private void skipZeroTerminated() throws IOException {
    for (int i = 0; i < MAX_HEADER_FIELD; i++) {
      if (headerByte() == 0) {
        return;
      }
    }
    throw new DatasetException(sourceName + ": gzip header field longer than " + MAX_HEADER_FIELD + " bytes");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (!finished) {
      int count;
      try {
        count = inflater.inflate(buffer, offset, length);
      } catch (DataFormatException e) {
        throw new DatasetException(sourceName + ": corrupt gzip data: " + e.getMessage(), e);
      }
      if (count > 0) {
        crc.update(buffer, offset, count);
        inflated += count;
        return count;
      }
      if (inflater.finished()) {
        finish();
        break;
      }
      if (inflater.needsDictionary()) {
        throw new DatasetException(sourceName + ": corrupt gzip data: a preset dictionary is needed");
      }
      if (inflater.needsInput()) {
        int read = in.read(input);
        if (read < 0) {
          throw new DatasetException(sourceName + ": truncated: the gzip stream ends early");
        }
        inflater.setInput(input, 0, read);
        inputLength = read;
      }
    }
    return -1;
  }

  /** Checks the trailer and that nothing follows it. */
  private void finish() throws IOException {
    finished = true;
    int remaining = inflater.getRemaining();
    byte[] trailer = new byte[8];
    int have = Math.min(remaining, 8);
    System.arraycopy(input, inputLength - remaining, trailer, 0, have);
    int extra = remaining - have;
    for (int i = have; i < 8; i++) {
      int value = in.read();
      if (value < 0) {
        throw new DatasetException(sourceName + ": truncated: the file ends inside its gzip trailer");
      }
      trailer[i] = (byte) value;
    }
    long expectedCrc = littleEndian(trailer, 0);
    long expectedSize = littleEndian(trailer, 4);
    if (expectedCrc != crc.getValue()) {
      throw new DatasetException(sourceName + ": corrupt gzip data: CRC-32 mismatch");
    }
    if (expectedSize != (inflated & 0xffffffffL)) {
      throw new DatasetException(sourceName + ": corrupt gzip data: size mismatch");
    }
    if (extra > 0 || in.read() >= 0) {
      throw new DatasetException(sourceName + ": unexpected data after the end of the gzip stream");
    }
  }

  private static long littleEndian(byte[] bytes, int offset) {
    return (bytes[offset] & 0xffL) | (bytes[offset + 1] & 0xffL) << 8 | (bytes[offset + 2] & 0xffL) << 16
        | (bytes[offset + 3] & 0xffL) << 24;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
