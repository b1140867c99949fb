package io.gen4j.data.npy;

import static io.gen4j.data.TestFiles.float32;
import static io.gen4j.data.TestFiles.int64;
import static io.gen4j.data.TestFiles.npy;
import static io.gen4j.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.TestContexts;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyDatasetTest {

  @TempDir Path directory;

  private DatasetSplits open(NpyConfig config) {
    return new NpyDatasetProvider().open(config, TestContexts.in(directory));
  }

  private NpyConfig images(Path file) {
    return new NpyConfig(file.toString(), null, null, null, List.of());
  }

  @Test
  void readsUnsignedBytesWithInt64Labels() {
    Path images = write(directory, "digits.npy", npy("|u1", false, "(3, 1, 2)", new byte[] {0, 1, 2, 3, (byte) 254, (byte) 255}));
    Path labels = write(directory, "labels.npy", npy("<i8", false, "(3,)", int64(4, 0, 255)));

    DatasetSplits splits = open(new NpyConfig(images.toString(), labels.toString(), null, null, List.of()));

    assertThat(splits.name()).isEqualTo("npy-digits");
    assertThat(splits.train().shape()).isEqualTo(new ImageShape(1, 2, 1));
    assertThat(splits.train().pixels()).containsExactly(0, 1, 2, 3, 254, 255);
    assertThat(splits.train().labels()).containsExactly(4, 0, 255);
  }

  @Test
  void scalesFloatsInTheUnitIntervalAndKeepsChannels() {
    Path images = write(directory, "colour.npy", npy("<f4", false, "(1, 1, 2, 3)", float32(0f, 0.5f, 1f, 0.25f, 0.75f, 0.1f)));

    DatasetSplits splits = open(images(images));

    assertThat(splits.train().shape()).isEqualTo(new ImageShape(1, 2, 3));
    assertThat(splits.train().image(0)).containsExactly(0, 128, 255, 64, 191, 26);
  }

  @Test
  void rejectsValuesOutsideTheUnitIntervalNamingTheImage() {
    Path images = write(directory, "bright.npy", npy("<f4", false, "(2, 1, 1)", float32(0.5f, 1.5f)));
    Path nan = write(directory, "nan.npy", npy("<f4", false, "(1, 1, 1)", float32(Float.NaN)));

    assertThatThrownBy(() -> open(images(images)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(images + ": value 1.5 in image 1 is outside [0, 1]; expected float pixels scaled to [0, 1] (or uint8)");
    assertThatThrownBy(() -> open(images(nan)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(nan + ": value NaN in image 0 is outside [0, 1]; expected float pixels scaled to [0, 1] (or uint8)");
  }

  @Test
  void rejectsAHeaderThatClaimsMoreThanTheFileHolds() {
    Path images = write(directory, "lying.npy", npy("|u1", false, "(100000, 64, 64, 3)", new byte[12]));

    assertThatThrownBy(() -> open(images(images)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(images + ": shape (100000, 64, 64, 3) of dtype '|u1' needs 1228800000 bytes of data, but the file"
            + " holds 12");
  }

  @Test
  void rejectsWrongShapesDtypesAndOrders() {
    Path flat = write(directory, "flat.npy", npy("|u1", false, "(4, 4)", new byte[16]));
    Path fourChannels = write(directory, "rgba.npy", npy("|u1", false, "(1, 1, 1, 4)", new byte[4]));
    Path integers = write(directory, "ints.npy", npy("<i4", false, "(1, 1, 1)", new byte[4]));
    Path fortran = write(directory, "fortran.npy", npy("|u1", true, "(1, 1, 1)", new byte[1]));
    Path text = write(directory, "text.npy", "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> open(images(flat))).hasMessage(flat + ": shape (4, 4) is not a stack of images; expected"
        + " (N, height, width) or (N, height, width, channels) with 1 or 3 channels");
    assertThatThrownBy(() -> open(images(fourChannels))).hasMessageStartingWith(fourChannels + ": shape (1, 1, 1, 4) is not");
    assertThatThrownBy(() -> open(images(integers))).hasMessage(integers + ": dtype '<i4' is not supported for images;"
        + " expected uint8 ('|u1') or float32/float64 ('<f4', '<f8') in [0, 1]");
    assertThatThrownBy(() -> open(images(fortran))).hasMessage(fortran + ": the array is in Fortran order; expected C"
        + " order (save numpy.ascontiguousarray(array))");
    assertThatThrownBy(() -> open(images(text))).isInstanceOf(DatasetException.class)
        .hasMessage(text + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
  }

  @Test
  void checksLabels() {
    Path images = write(directory, "two.npy", npy("|u1", false, "(2, 1, 1)", new byte[2]));
    Path three = write(directory, "three.npy", npy("|u1", false, "(3,)", new byte[3]));
    Path large = write(directory, "large.npy", npy("<i8", false, "(2,)", int64(3, 300)));
    Path floats = write(directory, "floats.npy", npy("<f4", false, "(2,)", float32(1, 2)));

    assertThatThrownBy(() -> open(new NpyConfig(images.toString(), three.toString(), null, null, List.of())))
        .hasMessage(three + ": 3 labels, but " + images + " holds 2 images");
    assertThatThrownBy(() -> open(new NpyConfig(images.toString(), large.toString(), null, null, List.of())))
        .hasMessage(large + ": label 1 is 300; expected labels from 0 to 255");
    assertThatThrownBy(() -> open(new NpyConfig(images.toString(), floats.toString(), null, null, List.of())))
        .hasMessage(floats + ": dtype '<f4' is not supported; expected an integer dtype such as '|u1' or '<i8'");
  }
}
