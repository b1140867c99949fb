package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import org.junit.jupiter.api.Test;

/** Rotations of small images, pixel by pixel. */
class RotationsTest {

  /** A 2x2 two-channel image: a = (1, 10) top left, b = (2, 20) top right, c = (3, 30), d = (4, 40). */
  private static final ImageShape SQUARE = new ImageShape(2, 2, 1);

  private static float[] rotate(float[] pixels, ImageShape shape, int rotation) {
    float[] target = new float[pixels.length];
    Rotations.rotate(pixels, 0, shape, rotation, target, 0);
    return target;
  }

  @Test
  void squareImagesTurnCounterClockwiseByQuarterTurns() {
    float[] image = {1, 2, 3, 4}; // a b / c d
    assertThat(Rotations.classes(SQUARE)).isEqualTo(4);
    assertThat(rotate(image, SQUARE, 0)).containsExactly(1, 2, 3, 4);
    assertThat(rotate(image, SQUARE, 1)).containsExactly(2, 4, 1, 3); // b d / a c
    assertThat(rotate(image, SQUARE, 2)).containsExactly(4, 3, 2, 1); // d c / b a
    assertThat(rotate(image, SQUARE, 3)).containsExactly(3, 1, 4, 2); // c a / d b
  }

  @Test
  void channelsMoveTogetherAndFourQuarterTurnsAreTheIdentity() {
    ImageShape shape = new ImageShape(3, 3, 3);
    float[] image = new float[shape.size()];
    for (int i = 0; i < image.length; i++) {
      image[i] = i;
    }
    float[] turned = image;
    for (int turn = 0; turn < 4; turn++) {
      turned = rotate(turned, shape, 1);
    }
    assertThat(turned).containsExactly(image);
    float[] once = rotate(image, shape, 1);
    // the top-right pixel (values 6, 7, 8) lands top left, its channels in order
    assertThat(once[0]).isEqualTo(6);
    assertThat(once[1]).isEqualTo(7);
    assertThat(once[2]).isEqualTo(8);
  }

  @Test
  void nonSquareImagesHaveTwoRotationsZeroAndHalfATurn() {
    ImageShape wide = new ImageShape(1, 3, 1);
    assertThat(Rotations.classes(wide)).isEqualTo(2);
    assertThat(rotate(new float[] {1, 2, 3}, wide, 1)).containsExactly(3, 2, 1);
    ImageBatch batch = new ImageBatch(wide, 2, new float[] {1, 2, 3, 4, 5, 6});
    assertThat(Rotations.rotateAll(batch, 1).toArray()).containsExactly(3, 2, 1, 6, 5, 4);
  }
}
