package io.gen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.testing.TinyGanProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverrideTest {

  private final TinyGanProvider provider = new TinyGanProvider();
  private final ConfigLoader loader = new ConfigLoader(Map.of(provider.name(), provider));

  private ExperimentConfig parse(String json, String... assignments) {
    return loader.parse(json, "base.json", List.of(assignments).stream().map(ConfigOverride::parse).toList());
  }

  @Test
  void valuesAreJsonWhenTheyParseAndStringsOtherwise() {
    assertThat(ConfigOverride.parse("training.steps=2000").value().isIntegralNumber()).isTrue();
    assertThat(ConfigOverride.parse("a.b=0.5").value().isFloatingPointNumber()).isTrue();
    assertThat(ConfigOverride.parse("a=true").value().isBoolean()).isTrue();
    assertThat(ConfigOverride.parse("a=[64, 32]").value().isArray()).isTrue();
    assertThat(ConfigOverride.parse("model.loss=hinge").value().asText()).isEqualTo("hinge");
    assertThat(ConfigOverride.parse("name=\"quoted\"").value().asText()).isEqualTo("quoted");
    assertThat(ConfigOverride.parse("name=a=b").value().asText()).isEqualTo("a=b");
    assertThat(ConfigOverride.parse("training.steps=2000")).hasToString("training.steps=2000");
  }

  @Test
  void overridesReplaceFileValuesAndCreateMissingSections() {
    ExperimentConfig config = parse(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"steps\": 10}}",
        "training.steps=20", "data.batchSize=16", "training.optimizers.generator.learningRate=0.01",
        "seed=7");
    assertThat(config.training().steps()).isEqualTo(20);
    assertThat(config.data().batchSize()).isEqualTo(16);
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.training().optimizers().get("generator"))
        .isEqualTo(new OptimizerConfig.Adam(0.01f, 0.5f, 0.999f, 1e-7f));
  }

  @Test
  void laterOverridesWin() {
    assertThat(parse("{\"model\": {\"type\": \"tiny-gan\"}}", "seed=1", "seed=2").seed()).isEqualTo(2);
  }

  @Test
  void aBadOverriddenValueGetsTheFilesErrorAndNamesTheOverride() {
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}}", "training.steps=many"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("base.json: $.training.steps: expected an integer, got the string \"many\""
            + " (overridden: training.steps=many)");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}}", "training.stepz=3"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("base.json: $.training.stepz: unknown field 'stepz'; known fields: ")
        .hasMessageEndingWith(" (overridden: training.stepz=3)");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}}", "training.steps=0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("base.json: $.training.steps: must be at least 1, got 0 (overridden: training.steps=0)");
  }

  @Test
  void malformedOverridesAreOneLineErrors() {
    assertThatThrownBy(() -> ConfigOverride.parse("training.steps"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("override 'training.steps': expected PATH=VALUE, e.g. training.steps=2000");
    assertThatThrownBy(() -> ConfigOverride.parse("training..steps=1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("override 'training..steps': expected a config path");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}, \"name\": \"x\"}", "name.first=1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("base.json: cannot set name.first=1: $.name is not an object");
  }
}
