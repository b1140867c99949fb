package io.gen4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldOutSplitTest {

  private static final ImageShape ONE_PIXEL = new ImageShape(1, 1, 1);

  /** 200 images whose single pixel is their index modulo 256. */
  private static ImageDataset numbered(int count) {
    byte[] pixels = new byte[count];
    for (int i = 0; i < count; i++) {
      pixels[i] = (byte) i;
    }
    return new ImageDataset("numbered", ONE_PIXEL, pixels, null, count);
  }

  @Test
  void holdsOutTheFractionDisjointlyAndKeepsOrder() {
    HoldOutSplit.Parts parts = HoldOutSplit.split(numbered(200), 0.1, 7, "numbers");

    assertThat(parts.test().count()).isEqualTo(20);
    assertThat(parts.train().count()).isEqualTo(180);
    assertThat(parts.test().name()).isEqualTo("numbers-heldout");
    assertThat(parts.train().name()).isEqualTo("numbers-train");
    Set<Integer> seen = new HashSet<>();
    int previous = -1;
    for (int i = 0; i < parts.train().count(); i++) {
      int value = Byte.toUnsignedInt(parts.train().image(i)[0]);
      assertThat(value).isGreaterThan(previous);
      previous = value;
      seen.add(value);
    }
    for (int i = 0; i < parts.test().count(); i++) {
      assertThat(seen.add(Byte.toUnsignedInt(parts.test().image(i)[0]))).isTrue();
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void theSameSeedHoldsOutTheSameImagesAndAnotherSeedOthers() {
    ImageDataset all = numbered(200);

    HoldOutSplit.Parts first = HoldOutSplit.split(all, 0.25, 3, "n");
    HoldOutSplit.Parts again = HoldOutSplit.split(numbered(200), 0.25, 3, "n");
    HoldOutSplit.Parts other = HoldOutSplit.split(all, 0.25, 4, "n");

    assertThat(again.test()).isEqualTo(first.test());
    assertThat(again.test().checksum()).isEqualTo(first.test().checksum());
    assertThat(other.test()).isNotEqualTo(first.test());
  }

  @Test
  void holdsOutAtLeastOneAndKeepsAtLeastOne() {
    assertThat(HoldOutSplit.split(numbered(3), 0.01, 1, "n").test().count()).isEqualTo(1);
    assertThat(HoldOutSplit.split(numbered(3), 0.99, 1, "n").train().count()).isEqualTo(1);
    assertThatThrownBy(() -> HoldOutSplit.split(numbered(1), 0.1, 1, "n"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("numbered: 1 images; holding out a test split needs at least 2");
  }
}
