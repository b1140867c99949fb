package io.gen4j.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

class TinyMlpGanDiscoveryTest {

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void theServicesFileMakesTheModelSelectableByConfig() {
    assertThat(gen4j.catalog().models()).containsKey("tiny-mlp-gan");

    ExperimentConfig config =
        gen4j.configLoader().parse("{\"model\": {\"type\": \"tiny-mlp-gan\", \"hiddenWidth\": 32}}", "plugin.json");

    assertThat(config.model()).isEqualTo(new TinyMlpGanConfig(64, 32,
        TinyMlpGanConfig.DEFAULT.loss(), TinyMlpGanConfig.DEFAULT.constraint()));
  }

  @Test
  void anInvalidFieldIsReportedWithItsPath() {
    assertThatThrownBy(() -> gen4j.configLoader().parse(
            "{\"model\": {\"type\": \"tiny-mlp-gan\", \"hiddenWidth\": 0}}", "plugin.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin.json: $.model.hiddenWidth: must be at least 1, got 0");
  }
}
