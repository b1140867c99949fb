package io.gen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

  @Test
  void atLeastOneReturnsTheValueOrNamesTheField() {
    assertThat(ConfigChecks.atLeastOne("latentSize", 3)).isEqualTo(3);
    assertThatThrownBy(() -> ConfigChecks.atLeastOne("latentSize", 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("latentSize: must be at least 1, got 0");
  }

  @Test
  void unitIntervalIncludesZeroAndExcludesOneAndNaN() {
    assertThat(ConfigChecks.inUnitInterval("dropout", 0f)).isZero();
    assertThat(ConfigChecks.inUnitInterval("dropout", 0.3f)).isEqualTo(0.3f);
    for (float bad : new float[] {1f, -0.1f, Float.NaN}) {
      assertThatThrownBy(() -> ConfigChecks.inUnitInterval("dropout", bad))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage("dropout: must be in [0, 1), got " + bad);
    }
  }

  @Test
  void sizesAreCopiedAndEachElementIsChecked() {
    List<Integer> widths = new ArrayList<>(List.of(256, 512));
    List<Integer> checked = ConfigChecks.sizes("generatorLayers", widths, "layer width");
    widths.set(0, 1);

    assertThat(checked).containsExactly(256, 512);
    assertThatThrownBy(() -> ConfigChecks.sizes("generatorLayers", List.of(), "layer width"))
        .hasMessage("generatorLayers: must list at least one layer width");
    assertThatThrownBy(() -> ConfigChecks.sizes("generatorLayers", null, "layer width"))
        .hasMessage("generatorLayers: must list at least one layer width");
    assertThatThrownBy(() -> ConfigChecks.sizes("generatorLayers", Arrays.asList(8, null), "layer width"))
        .hasMessage("generatorLayers[1]: must be at least 1, got null");
    assertThatThrownBy(() -> ConfigChecks.sizes("generatorLayers", List.of(8, 0), "layer width"))
        .hasMessage("generatorLayers[1]: must be at least 1, got 0");
  }
}
