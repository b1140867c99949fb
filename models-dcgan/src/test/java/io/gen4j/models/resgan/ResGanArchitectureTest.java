package io.gen4j.models.resgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ResGanArchitectureTest {

  @Test
  void depthsFollowTheImageSize() {
    assertThat(ResGanArchitecture.of(new ImageShape(28, 28, 1))).isEqualTo(new ResGanArchitecture(2, 7, 7, 2));
    assertThat(ResGanArchitecture.of(new ImageShape(32, 32, 3))).isEqualTo(new ResGanArchitecture(3, 4, 4, 2));
    assertThat(ResGanArchitecture.of(new ImageShape(64, 64, 3))).isEqualTo(new ResGanArchitecture(4, 4, 4, 3));
    assertThat(ResGanArchitecture.of(new ImageShape(48, 32, 1))).isEqualTo(new ResGanArchitecture(3, 6, 4, 3));
  }

  @Test
  void sidesThatCannotBeHalvedToFourPixelsAreAConfigError() {
    assertThatThrownBy(() -> ResGanArchitecture.of(new ImageShape(27, 27, 1)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("data: resgan needs image sides that halve at least once to 4 pixels or more (such as 28x28,"
            + " 32x32 or 64x64), got 27x27x1");
  }
}
