package io.gen4j.examples.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The model type is found through the services file, and a config names only what it changes. */
class MarginGanConfigTest {

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void aConfigSelectsTheModelAndOverridesItsDefaults() {
    assertThat(gen4j.configLoader().parse("{\"model\": {\"type\": \"margin-gan\", \"margin\": 0.5}}", "m.json").model())
        .isEqualTo(new MarginGanConfig(64, 256, 0.5f, 1));
  }

  @Test
  void aBadMarginNamesItsPath() {
    assertThatThrownBy(() -> gen4j.configLoader().parse("{\"model\": {\"type\": \"margin-gan\", \"margin\": 0}}", "m.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("m.json: $.model.margin: must be greater than 0, got 0.0");
  }
}
