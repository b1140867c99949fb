package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BundledMnistTest {

  @Test
  void trainHasSixtyThousandLabelledDigits() {
    ImageDataset train = BundledMnist.train();

    assertThat(train.name()).isEqualTo("mnist-train");
    assertThat(train.count()).isEqualTo(60000);
    assertThat(train.shape()).isEqualTo(ImageShape.MNIST);
    assertThat(train.pixels()).hasSize(60000 * 784);
    assertThat(train.label(0)).isEqualTo(5);
    int[] classCounts = new int[10];
    for (int index = 0; index < train.count(); index++) {
      classCounts[train.label(index)]++;
    }
    assertThat(classCounts)
        .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    assertThat(BundledMnist.train()).isSameAs(train);
  }

  @Test
  void trainPixelMeanIsTheKnownValue() {
    long sum = 0;
    for (byte pixel : BundledMnist.train().pixels()) {
      sum += Byte.toUnsignedInt(pixel);
    }

    assertThat(sum / 255.0 / (60000 * 784)).isCloseTo(0.1307, Offset.offset(1e-4));
  }

  @Test
  void testHasTenThousandLabelledDigits() {
    ImageDataset test = BundledMnist.test();

    assertThat(test.name()).isEqualTo("mnist-test");
    assertThat(test.count()).isEqualTo(10000);
    assertThat(test.shape()).isEqualTo(ImageShape.MNIST);
    assertThat(test.label(0)).isEqualTo(7);
  }

  @Test
  void namesTheFileAndBothSumsOnMismatch() {
    byte[] content = "abc".getBytes(StandardCharsets.US_ASCII);
    String expected = "0".repeat(64);

    assertThatThrownBy(() -> BundledMnist.verifySha256("x.gz", content, expected))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "x.gz: SHA-256 mismatch: expected " + expected
                + ", found ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void findsSumsInSha256sumListings() {
    String listing = "aa11  first.gz\nbb22 *second.gz\n";

    assertThat(BundledMnist.expectedSha256("first.gz", listing)).isEqualTo("aa11");
    assertThat(BundledMnist.expectedSha256("second.gz", listing)).isEqualTo("bb22");
    assertThatThrownBy(() -> BundledMnist.expectedSha256("third.gz", listing))
        .isInstanceOf(DatasetException.class)
        .hasMessage("SHA256SUMS: no SHA-256 sum for third.gz");
  }
}
