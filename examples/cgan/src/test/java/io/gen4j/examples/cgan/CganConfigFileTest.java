package io.gen4j.examples.cgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped {@code examples/cgan/cgan-mnist.json} selects this plugin, and bad fields name their path. */
class CganConfigFileTest {

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void thePluginsCatalogHoldsItsOwnModelAndCoresTrainerOnly() {
    // gen4j-testing registers no model of its own: nothing but cgan reaches this plugin's catalog.
    assertThat(gen4j.catalog().models()).containsOnlyKeys("cgan");
    assertThat(gen4j.catalog().trainers()).containsOnlyKeys("sequential");
  }

  @Test
  void theShippedConfigIsValid() {
    ExperimentConfig config = gen4j.configLoader().load(Path.of("cgan-mnist.json"));
    assertThat(config.modelType()).isEqualTo("cgan");
    assertThat(config.model()).isEqualTo(CganConfig.DEFAULT);
    assertThat(config.training().steps()).isEqualTo(3000);
  }

  @Test
  void aBadFieldNamesItsPath() {
    assertThatThrownBy(() -> gen4j.configLoader().parse(
            "{\"model\": {\"type\": \"cgan\", \"generatorFilters\": [64]}}", "cgan.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cgan.json: $.model.generatorFilters: must list 2 channel counts (the projection's, then the first"
            + " upsampling's), got 1");
    assertThatThrownBy(() -> gen4j.configLoader().parse(
            "{\"model\": {\"type\": \"cgan\", \"loss\": \"wasserstein\"}}", "cgan.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cgan.json: $.model.constraint: the wasserstein loss needs a Lipschitz constraint: gradient-penalty"
            + " or weight-clipping");
  }
}
