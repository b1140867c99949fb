package io.gen4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {

  @TempDir Path directory;

  @Test
  void writesNumpysVersionOneLayoutByteForByte() throws IOException {
    ImageBatch batch = new ImageBatch(new ImageShape(2, 3, 1), 2, new float[] {0, 0.25f, 0.5f, 0.75f, 1, 0, 1, 1, 1, 1, 1, 0.125f});
    Path file = directory.resolve("two.npy");
    NpyFile.write(file, batch);

    byte[] bytes = Files.readAllBytes(file);
    // The layout numpy.save gives a (2, 2, 3) float32 array: magic, version 1.0, a little-endian header
    // length, the header padded with spaces and ended by a newline so the data starts at byte 128.
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 3), }";
    String padded = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) padded.length(), 0});
    expected.writeBytes(padded.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(12 * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(batch.toArray());
    expected.writeBytes(data.array());
    assertThat(bytes).containsExactly(expected.toByteArray());
    assertThat(bytes.length).isEqualTo(128 + 48);
  }

  @Test
  void roundTripsGreyAndColourBatches() throws IOException {
    ImageBatch grey = batch(new ImageShape(28, 28, 1), 5);
    NpyFile.write(directory.resolve("grey.npy"), grey);
    ImageBatch readGrey = NpyFile.read(directory.resolve("grey.npy"));
    assertThat(readGrey.shape()).isEqualTo(grey.shape());
    assertThat(readGrey.count()).isEqualTo(5);
    assertThat(readGrey.toArray()).containsExactly(grey.toArray());

    ImageBatch colour = batch(new ImageShape(4, 6, 3), 3);
    NpyFile.write(directory.resolve("colour.npy"), colour);
    assertThat(header(directory.resolve("colour.npy"))).contains("'shape': (3, 4, 6, 3)");
    ImageBatch readColour = NpyFile.read(directory.resolve("colour.npy"));
    assertThat(readColour.shape()).isEqualTo(colour.shape());
    assertThat(readColour.toArray()).containsExactly(colour.toArray());
  }

  @Test
  void readsVersionTwoAndAnExplicitSingleChannel() throws IOException {
    Path file = directory.resolve("v2.npy");
    float[] values = {0.5f, 1, 0, 0.25f};
    Files.write(file, npy(2, "{'shape': (1, 2, 2, 1), 'fortran_order': False, 'descr': '<f4'}", values));
    ImageBatch batch = NpyFile.read(file);
    assertThat(batch.shape()).isEqualTo(new ImageShape(2, 2, 1));
    assertThat(batch.toArray()).containsExactly(values);
  }

  @Test
  void headerProblemsNameTheFile() throws IOException {
    float[] four = {0, 0, 0, 0};
    assertReadFails(bytes("PK\u0003\u0004 not numpy"), "not a .npy file (no magic string \\x93NUMPY at the start)");
    assertReadFails(new byte[] {(byte) 0x93, 'N'}, "not a .npy file (too short for the magic string \\x93NUMPY)");
    assertReadFails(npy(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), }", four),
        ".npy format version 4.0 is not supported (reads 1.0, 2.0 and 3.0)");
    assertReadFails(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 2), }", four),
        "dtype '<f8' is not supported; expected '<f4' (little-endian float32; convert with array.astype('<f4'))");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2, 2), }", four),
        "fortran_order is True; only C order (False) is supported");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four),
        "shape (4,) has 1 dimensions; expected (N, H, W) or (N, H, W, C)");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 1, 2), }", four),
        "shape (1, 2, 1, 2) has 2 channels; expected 1 or 3");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", four),
        "the data section has 16 bytes; shape (2, 2, 2) of float32 needs 32");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False}", four), "malformed header "
        + "{'descr': '<f4', 'fortran_order': False}: the key 'shape' is missing at character 39");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, x), }", four),
        "malformed header {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, x), }: "
            + "expected a non-negative integer in the shape at character 57");
    assertReadFails(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), 'extra': 1}", four),
        "malformed header {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), 'extra': 1}: "
            + "cannot read the value of 'extra' at character 71");
  }

  @Test
  void valuesOutsideTheUnitIntervalAreRefused() throws IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 2), }";
    assertReadFails(npy(1, header, new float[] {0, 1, 0.5f, 1.5f}), "image 1 has the value 1.5, outside [0, 1]");
    assertReadFails(npy(1, header, new float[] {Float.NaN, 1, 0.5f, 1}), "image 0 has the value NaN, outside [0, 1]");
    assertThatThrownBy(() -> NpyFile.read(directory.resolve("missing.npy")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(directory.resolve("missing.npy") + ": no such file");
  }

  private void assertReadFails(byte[] content, String problem) throws IOException {
    Path file = directory.resolve("bad.npy");
    Files.write(file, content);
    assertThatThrownBy(() -> NpyFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": " + problem);
  }

  /** A .npy file of the given version with the header padded to 64 bytes as numpy does. */
  private static byte[] npy(int major, String header, float[] values) {
    int prefix = 6 + 2 + (major == 1 ? 2 : 4);
    int length = header.length() + 1;
    String padded = header + " ".repeat((64 - (prefix + length) % 64) % 64) + "\n";
    ByteBuffer buffer = ByteBuffer.allocate(prefix + padded.length() + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      buffer.putShort((short) padded.length());
    } else {
      buffer.putInt(padded.length());
    }
    buffer.put(padded.getBytes(StandardCharsets.US_ASCII));
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String header(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int length = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    return new String(Arrays.copyOfRange(bytes, 10, 10 + length), StandardCharsets.US_ASCII);
  }

  private static ImageBatch batch(ImageShape shape, int count) {
    float[] values = new float[count * shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37 % 101) / 100f;
    }
    return new ImageBatch(shape, count, values);
  }
}
