package io.gen4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyImagesTest {

  @TempDir Path directory;

  private static float[] ramp(int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = i / (float) (count - 1);
    }
    return values;
  }

  /** A version 1.0 file with the given header dictionary and little-endian floats. */
  private Path file(String name, String dictionary, float... values) throws IOException {
    byte[] text = (dictionary + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buffer = ByteBuffer.allocate(10 + text.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
    for (float value : values) {
      buffer.putFloat(value);
    }
    Path file = directory.resolve(name);
    Files.write(file, buffer.array());
    return file;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(NpyImagesTest.class.getResource(name).toURI());
  }

  @Test
  void roundTripsGreyAndColourImages() throws IOException {
    ImageBatch grey = new ImageBatch(new ImageShape(3, 4, 1), 2, ramp(24));
    ImageBatch colour = new ImageBatch(new ImageShape(2, 2, 3), 3, ramp(36));
    Path greyFile = directory.resolve("grey.npy");
    Path colourFile = directory.resolve("colour.npy");

    NpyImages.write(grey, greyFile);
    NpyImages.write(colour, colourFile);

    ImageBatch greyBack = NpyImages.read(greyFile);
    ImageBatch colourBack = NpyImages.read(colourFile);
    assertThat(greyBack.shape()).isEqualTo(new ImageShape(3, 4, 1));
    assertThat(greyBack.toArray()).containsExactly(grey.toArray());
    assertThat(colourBack.shape()).isEqualTo(new ImageShape(2, 2, 3));
    assertThat(colourBack.count()).isEqualTo(3);
    assertThat(colourBack.toArray()).containsExactly(colour.toArray());
  }

  @Test
  void writesTheBytesNumpySaveWrites() throws IOException, URISyntaxException {
    ImageBatch batch = new ImageBatch(new ImageShape(3, 4, 1), 2, ramp(24));
    Path file = directory.resolve("ours.npy");

    NpyImages.write(batch, file);

    // numpy-2x3x4.npy was written by numpy.save(file, (numpy.arange(24, dtype=numpy.float32) / 23).reshape(2, 3, 4)).
    byte[] ours = Files.readAllBytes(file);
    byte[] numpy = Files.readAllBytes(resource("numpy-2x3x4.npy"));
    assertThat(ours).isEqualTo(numpy);
  }

  @Test
  void readsWhatNumpyWritesInVersionsOneAndTwo() throws URISyntaxException {
    ImageBatch version1 = NpyImages.read(resource("numpy-2x3x4.npy"));
    ImageBatch version2 = NpyImages.read(resource("numpy-v2-2x3x4x1.npy"));

    assertThat(version1.shape()).isEqualTo(new ImageShape(3, 4, 1));
    assertThat(version1.count()).isEqualTo(2);
    assertThat(version1.pixel(1, 2, 3, 0)).isEqualTo(23f / 23f);
    assertThat(version1.pixel(0, 1, 0, 0)).isEqualTo(4f / 23f);
    assertThat(version2.toArray()).containsExactly(version1.toArray());
  }

  @Test
  void rejectsOtherDtypesNamingTheFile() throws IOException {
    Path file = file("doubles.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", 0f, 0f);

    assertThatThrownBy(() -> NpyImages.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(file + ": dtype '<f8' is not supported; expected '<f4' (little-endian float32, e.g. array.astype(numpy.float32))");
  }

  @Test
  void rejectsFortranOrder() throws IOException {
    Path file = file("fortran.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1, 2), }", 0f, 1f);

    assertThatThrownBy(() -> NpyImages.read(file))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(file + ": the array is in Fortran order; expected C order (save numpy.ascontiguousarray(array))");
  }

  @Test
  void rejectsShapesThatAreNotImages() throws IOException {
    Path flat = file("flat.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 0f, 0f, 0f, 0f);
    Path twoChannels = file("two.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 2), }", 0f, 0f);

    assertThatThrownBy(() -> NpyImages.read(flat))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(flat + ": shape (2, 2) is not a stack of images; expected (N, height, width) or"
            + " (N, height, width, channels) with 1 or 3 channels");
    assertThatThrownBy(() -> NpyImages.read(twoChannels))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(twoChannels + ": shape (1, 1, 1, 2) is not a stack of images");
  }

  @Test
  void rejectsTruncatedAndOverlongData() throws IOException {
    Path truncated = file("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", 0f, 0f, 0f);
    Path overlong = file("long.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2), }", 0f, 0f, 0f);
    Path headerCut = directory.resolve("cut.npy");
    Files.write(headerCut, Arrays.copyOf(Files.readAllBytes(truncated), 30));

    assertThatThrownBy(() -> NpyImages.read(truncated))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(truncated + ": truncated: shape (2, 2, 2) needs 32 bytes of data, found 12");
    assertThatThrownBy(() -> NpyImages.read(overlong))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(overlong + ": 4 bytes after the data of shape (1, 1, 2); expected exactly 8");
    assertThatThrownBy(() -> NpyImages.read(headerCut))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith(headerCut + ": truncated in the header: expected ");
  }

  @Test
  void rejectsOtherFilesAndBadHeaders() throws IOException {
    Path png = directory.resolve("grid.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    Path extraKey = file("extra.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), 'x': 1}", 0f);
    Path empty = file("empty.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 28, 28), }");

    assertThatThrownBy(() -> NpyImages.read(directory.resolve("missing.npy")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(directory.resolve("missing.npy") + ": no such file");
    assertThatThrownBy(() -> NpyImages.read(png))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(png + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
    assertThatThrownBy(() -> NpyImages.read(extraKey))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(extraKey + ": header has keys [descr, fortran_order, shape, x]; expected [descr, fortran_order, shape]");
    assertThatThrownBy(() -> NpyImages.read(empty))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(empty + ": holds no images (shape (0, 28, 28))");
  }

  @Test
  void rejectsValuesOutsideTheUnitInterval() throws IOException {
    Path bytes = file("bytes.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 2), }", 0f, 1f, 0f, 255f);
    Path nan = file("nan.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }", Float.NaN);

    assertThatThrownBy(() -> NpyImages.read(bytes))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(bytes + ": value 255.0 of image 1 is outside [0, 1]; expected pixel values scaled to [0, 1]");
    assertThatThrownBy(() -> NpyImages.read(nan))
        .isInstanceOf(NpyFormatException.class)
        .hasMessage(nan + ": value NaN of image 0 is outside [0, 1]; expected pixel values scaled to [0, 1]");
  }
}
