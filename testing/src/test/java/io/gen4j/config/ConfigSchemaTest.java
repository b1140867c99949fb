package io.gen4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.gen4j.testing.ConfigSchemaChecks;
import io.gen4j.testing.TinyGanProvider;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  private final TinyGanProvider provider = new TinyGanProvider();
  private final ConfigLoader loader = new ConfigLoader(Map.of(provider.name(), provider));
  private final ObjectNode schema = ConfigSchema.generate(loader);
  private final JsonSchema validator =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);

  private Set<String> problems(String json) throws Exception {
    JsonNode config = JsonMapper.builder().build().readTree(json);
    return validator.validate(config).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  @Test
  void everyFieldHasADescriptionAndADefaultUnlessRequired() {
    assertThat(ConfigSchemaChecks.undocumented(schema)).isEmpty();
    assertThat(schema.at("/$defs/config.TrainingConfig/properties/steps").toString())
        .isEqualTo("{\"type\":\"integer\",\"description\":\"Iterations to train (for GANs: all discriminator updates"
            + " plus one generator update). Ignored when epochs is set.\",\"default\":5000,\"minimum\":1}");
    assertThat(schema.at("/$defs/config.EarlyStoppingConfig/required").toString()).isEqualTo("[\"metric\"]");
  }

  @Test
  void everyModelTypeGetsADefinitionWithItsOwnDefaults() {
    assertThat(schema.at("/properties/model/properties/type/enum").toString()).isEqualTo("[\"tiny-gan\"]");
    JsonNode tiny = schema.at("/$defs/model.tiny-gan");
    assertThat(tiny.at("/description").asText()).isEqualTo(provider.description());
    assertThat(tiny.at("/properties/type/const").asText()).isEqualTo("tiny-gan");
    assertThat(tiny.at("/properties/hidden/default").asInt()).isEqualTo(provider.defaultConfig().hidden());
    assertThat(tiny.at("/properties/hidden/minimum").asInt()).isEqualTo(1);
    assertThat(schema.at("/properties/model/allOf/0/then/$ref").asText()).isEqualTo("#/$defs/model.tiny-gan");
  }

  @Test
  void rangesInTheSchemaAreTheRecordsOwnChecks() {
    JsonNode definitions = schema.get("$defs");
    int checked = ConfigSchemaChecks.assertRangesEnforced(TrainingConfig.DEFAULT, definitions.get("config.TrainingConfig"))
        + ConfigSchemaChecks.assertRangesEnforced(DataConfig.DEFAULT, definitions.get("data.mnist"))
        + ConfigSchemaChecks.assertRangesEnforced(OptimizerConfig.Adam.DEFAULT, definitions.get("config.OptimizerConfig.Adam"))
        + ConfigSchemaChecks.assertRangesEnforced(
            OptimizerConfig.RmsProp.DEFAULT, definitions.get("config.OptimizerConfig.RmsProp"))
        + ConfigSchemaChecks.assertRangesEnforced(
            LearningRateSchedule.Cosine.DEFAULT, definitions.get("config.LearningRateSchedule.Cosine"))
        + ConfigSchemaChecks.assertRangesEnforced(
            LearningRateSchedule.Linear.DEFAULT, definitions.get("config.LearningRateSchedule.Linear"))
        + ConfigSchemaChecks.assertRangesEnforced(
            LearningRateSchedule.Constant.DEFAULT, definitions.get("config.LearningRateSchedule.Constant"))
        + ConfigSchemaChecks.assertRangesEnforced(
            EarlyStoppingConfig.on("d_loss"), definitions.get("config.EarlyStoppingConfig"))
        + ConfigSchemaChecks.assertRangesEnforced(provider.defaultConfig(), definitions.get("model.tiny-gan"));
    assertThat(checked).isGreaterThanOrEqualTo(30);
  }

  @Test
  void configsTheLoaderReadsAreValid() throws Exception {
    assertThat(problems("{\"$schema\": \"gen4j-config.schema.json\", \"model\": {\"type\": \"tiny-gan\"}}")).isEmpty();
    assertThat(problems("""
        {"name": "x", "seed": 1, "model": {"type": "tiny-gan", "hidden": 4},
         "data": {"batchSize": 8, "limit": 64},
         "training": {"steps": 10, "optimizers": {"generator": {"learningRate": 0.01},
                                                  "discriminator": {"type": "rmsprop", "decay": 0.5}},
                      "schedules": {"generator": {"type": "cosine", "warmupSteps": 2}},
                      "earlyStopping": {"metric": "g_loss", "patience": 3},
                      "bestCheckpoint": {"metric": "d_loss", "mode": "max"},
                      "visibleDevices": "0,1"},
         "output": {"runsDirectory": "runs"}}
        """)).isEmpty();
    ExperimentConfig resolved = loader.parse("""
        {"model": {"type": "tiny-gan"}, "training": {"schedules": {"generator": {"type": "linear"}}}}""", "x.json");
    assertThat(problems(loader.toJson(resolved))).isEmpty();
  }

  @Test
  void mistakesTheLoaderRejectsAreInvalid() throws Exception {
    assertThat(problems("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"steps\": 0}}"))
        .containsExactly("$.training.steps: must have a minimum value of 1");
    assertThat(problems("{\"model\": {\"type\": \"tiny-gan\", \"hiden\": 3}}"))
        .containsExactly("$.model: property 'hiden' is not defined in the schema and the schema does not allow additional properties");
    assertThat(problems("{\"model\": {\"type\": \"stylegan\"}}"))
        .contains("$.model.type: does not have a value in the enumeration [\"tiny-gan\"]");
    assertThat(problems("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"schedules\": {\"generator\": {}}}}"))
        .isNotEmpty();
    assertThat(problems("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"earlyStopping\": {\"patience\": 2}}}"))
        .isNotEmpty();
    assertThat(problems("{\"data\": {}}")).contains("$: required property 'model' not found");
  }
}
