package io.gen4j.models.resgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resgan section of an experiment file: its defaults, a short diff over them, and its errors. */
class ResGanConfigTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig parse(String model) {
    return gen4j.configLoader().parse("{\"name\": \"resgan\", \"model\": " + model + "}", "resgan.json");
  }

  @Test
  void leftOutFieldsTakeTheDefaults() {
    ResGanConfig config = (ResGanConfig) parse("{\"type\": \"resgan\", \"generatorChannels\": 32}").model();
    assertThat(config.latentSize()).isEqualTo(128);
    assertThat(config.generatorChannels()).isEqualTo(32);
    assertThat(config.discriminatorChannels()).isEqualTo(ResGanConfig.DEFAULT.discriminatorChannels());
    assertThat(config.discriminatorPlainBlocks()).isEqualTo(ResGanConfig.DEFAULT.discriminatorPlainBlocks());
    assertThat(config.loss()).isEqualTo(StandardLoss.HINGE);
    assertThat(config.constraint()).isEqualTo(LipschitzConstraint.NONE);
    assertThat(config.stabilizers().spectralNorm()).containsExactly("discriminator");
  }

  @Test
  void bothNetworksTrainWithSnGansAdam() {
    OptimizerConfig.Adam adam = new OptimizerConfig.Adam(2e-4f, 0f, 0.9f, 1e-7f);
    assertThat(new ResGanProvider().defaultOptimizers(ResGanConfig.DEFAULT))
        .isEqualTo(Map.of("generator", adam, "discriminator", adam));
  }

  @Test
  void outOfRangeFieldsAreErrorsNamingThem() {
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"generatorChannels\": 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.generatorChannels: must be at least 1, got 0");
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"discriminatorChannels\": 100000}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.discriminatorChannels: must be at most 65536, got 100000");
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"discriminatorPlainBlocks\": -1}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.discriminatorPlainBlocks: must be 0 or more, got -1");
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"latentSize\": 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.latentSize: must be at least 1, got 0");
  }

  @Test
  void aConstraintNeedsTheWassersteinLossAndTheWassersteinLossNeedsOne() {
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"constraint\": \"gradient-penalty\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.constraint: gradient-penalty constrains a Wasserstein critic; it needs loss"
            + " wasserstein, got hinge");
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"loss\": \"wasserstein\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("resgan.json: $.model.constraint: the wasserstein loss needs a Lipschitz constraint:"
            + " gradient-penalty or weight-clipping");
    ResGanConfig wganGp = (ResGanConfig) parse(
        "{\"type\": \"resgan\", \"loss\": \"wasserstein\", \"constraint\": \"gradient-penalty\"}").model();
    assertThat(wganGp.adversarial().constraint()).isEqualTo(LipschitzConstraint.GRADIENT_PENALTY);
  }

  @Test
  void unknownFieldsAreErrorsListingTheKnownOnes() {
    assertThatThrownBy(() -> parse("{\"type\": \"resgan\", \"generatorFilters\": [64]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.generatorFilters")
        .hasMessageContaining("discriminatorPlainBlocks");
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(List.of(ResGanConfig.DEFAULT.latentSize(), ResGanConfig.DEFAULT.generatorChannels(),
        ResGanConfig.DEFAULT.discriminatorChannels(), ResGanConfig.DEFAULT.discriminatorPlainBlocks(),
        ResGanConfig.DEFAULT.discriminatorSteps()))
        .containsExactly(128, 32, 32, 2, 1);
  }
}
