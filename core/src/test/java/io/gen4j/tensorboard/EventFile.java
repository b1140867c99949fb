package io.gen4j.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads a TensorBoard event file back: TFRecord framing (little-endian uint64 length, masked CRC32C of
 * the length, the data, masked CRC32C of the data), every checksum verified, each record an {@link
 * Event} proto.
 */
public final class EventFile {

  private static final int MASK_DELTA = 0xa282ead8;

  private EventFile() {}

  public static List<Event> read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (bytes.hasRemaining()) {
      int recordStart = bytes.position();
      if (bytes.remaining() < 12) {
        throw new IOException(file + ": truncated record header at byte " + recordStart);
      }
      byte[] lengthBytes = new byte[8];
      bytes.get(lengthBytes);
      long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      check(file, recordStart, "length", maskedCrc(lengthBytes), bytes.getInt());
      if (length < 0 || length > bytes.remaining() - 4) {
        throw new IOException(file + ": record at byte " + recordStart + " claims " + length + " bytes, "
            + Math.max(0, bytes.remaining() - 4) + " left");
      }
      byte[] data = new byte[(int) length];
      bytes.get(data);
      check(file, recordStart, "data", maskedCrc(data), bytes.getInt());
      try {
        events.add(Event.parseFrom(data));
      } catch (InvalidProtocolBufferException e) {
        throw new IOException(file + ": record at byte " + recordStart + " is not an Event: " + e.getMessage(), e);
      }
    }
    return events;
  }

  /** TFRecord's masked CRC32C: rotate right by 15 bits, add a constant. */
  static int maskedCrc(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }

  private static void check(Path file, int recordStart, String part, int expected, int actual) throws IOException {
    if (expected != actual) {
      throw new IOException(String.format(
          "%s: record at byte %d: %s checksum mismatch, computed %08x, stored %08x", file, recordStart, part, expected, actual));
    }
  }
}
