package io.gen4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.testing.TinyGanProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final TinyGanProvider provider = new TinyGanProvider();
  private final ConfigLoader loader = new ConfigLoader(Map.of(provider.name(), provider));

  private ExperimentConfig parse(String json) {
    return loader.parse(json, "bad.json");
  }

  private void assertError(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void minimalConfigGetsEveryDefault() {
    ExperimentConfig config = parse("{\"model\": {\"type\": \"tiny-gan\"}}");
    assertThat(config.name()).isEqualTo("experiment");
    assertThat(config.seed()).isEqualTo(42);
    assertThat(config.modelType()).isEqualTo("tiny-gan");
    assertThat(config.model()).isEqualTo(provider.defaultConfig());
    assertThat(config.data()).isEqualTo(DataConfig.DEFAULT);
    assertThat(config.training()).isEqualTo(
        TrainingConfig.DEFAULT.withOptimizers(provider.defaultOptimizers(provider.defaultConfig())));
    assertThat(config.output()).isEqualTo(OutputConfig.DEFAULT);
  }

  @Test
  void fieldsOverrideDefaultsOneByOne() {
    ExperimentConfig config = parse("""
        {"name": "run1", "seed": 7, "model": {"type": "tiny-gan", "hidden": 4},
         "data": {"batchSize": 32},
         "training": {"steps": 10, "optimizers": {"generator": {"learningRate": 0.01}}}}
        """);
    assertThat(config.model()).isEqualTo(new TinyGanProvider.Config(8, 4, -1));
    assertThat(config.data()).isEqualTo(new DataConfig("mnist", 32, 0));
    assertThat(config.training().steps()).isEqualTo(10);
    assertThat(config.training().sampleInterval()).isEqualTo(TrainingConfig.DEFAULT.sampleInterval());
    assertThat(config.training().optimizers().get("generator"))
        .isEqualTo(new OptimizerConfig.Adam(0.01f, 0.5f, 0.999f, 1e-7f));
    assertThat(config.training().optimizers().get("discriminator"))
        .isEqualTo(provider.defaultOptimizers(provider.defaultConfig()).get("discriminator"));
  }

  @Test
  void changingAnOptimizersTypeStartsFromThatTypesDefaults() {
    ExperimentConfig config = parse("""
        {"model": {"type": "tiny-gan"},
         "training": {"optimizers": {"discriminator": {"type": "rmsprop", "learningRate": 5e-5}}}}
        """);
    assertThat(config.training().optimizers().get("discriminator"))
        .isEqualTo(new OptimizerConfig.RmsProp(5e-5f, 0.9f, 0f, 1e-10f));
  }

  @Test
  void resolvedConfigRoundTrips() {
    ExperimentConfig config = parse("{\"name\": \"x\", \"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"limit\": 100}}");
    assertThat(loader.parse(loader.toJson(config), "resolved.json")).isEqualTo(config);
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> parse("{\n  \"name\": \"x\",\n  \"model\": {\"type\": \"tiny-gan\"\n}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.json: malformed JSON at line 4, column 2: ");
  }

  @Test
  void missingModelListsAvailableTypes() {
    assertError("{\"name\": \"x\"}", "bad.json: $.model: required: an object with a 'type'; available types: tiny-gan");
    assertError("{\"model\": {}}", "bad.json: $.model.type: required: the model type; available types: tiny-gan");
  }

  @Test
  void unknownModelTypeListsAvailableTypes() {
    assertError("{\"model\": {\"type\": \"stylegan\"}}",
        "bad.json: $.model.type: unknown model type 'stylegan'; available types: tiny-gan");
  }

  @Test
  void unknownFieldsListKnownFields() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"epochs\": 3}",
        "bad.json: $.epochs: unknown field 'epochs'; known fields: name, seed, model, data, training, output");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"batchsize\": 3}}",
        "bad.json: $.data.batchsize: unknown field 'batchsize'; known fields: batchSize, dataset, limit");
    assertError("{\"model\": {\"type\": \"tiny-gan\", \"hiden\": 3}}",
        "bad.json: $.model.hiden: unknown field 'hiden'; known fields: hidden, latentSize, nanAtStep");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"optimizers\": {\"generator\": {\"lr\": 1}}}}",
        "bad.json: $.training.optimizers.generator.lr: unknown field 'lr'; known fields: beta1, beta2, epsilon, learningRate");
  }

  @Test
  void wrongTypesNameWhatWasExpected() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"batchSize\": \"64\"}}",
        "bad.json: $.data.batchSize: expected an integer, got the string \"64\"");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"batchSize\": 1.5}}",
        "bad.json: $.data.batchSize: expected an integer, got the number 1.5");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"seed\": \"abc\"}",
        "bad.json: $.seed: expected an integer, got the string \"abc\"");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": 5}",
        "bad.json: $.data: expected an object, got the integer 5");
  }

  @Test
  void outOfRangeValuesNameTheField() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"batchSize\": 0}}",
        "bad.json: $.data.batchSize: must be at least 1, got 0");
    assertError("{\"model\": {\"type\": \"tiny-gan\", \"hidden\": -2}}",
        "bad.json: $.model.hidden: must be at least 1, got -2");
    assertError(
        "{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"optimizers\": {\"generator\": {\"learningRate\": -0.001}}}}",
        "bad.json: $.training.optimizers.generator.learningRate: must be greater than 0, got -0.001");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"steps\": 0}}",
        "bad.json: $.training.steps: must be at least 1, got 0");
    assertError("{\"name\": \"a/b\", \"model\": {\"type\": \"tiny-gan\"}}",
        "bad.json: $.name: must be letters, digits, '.', '_' or '-' (it names a directory), got 'a/b'");
  }

  @Test
  void optimizersOfUnknownNetworksOrTypesAreRejected() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"optimizers\": {\"critic\": {}}}}",
        "bad.json: $.training.optimizers.critic: unknown network 'critic'; networks of model 'tiny-gan': discriminator, generator");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"optimizers\": {\"generator\": {\"type\": \"sgd\"}}}}",
        "bad.json: $.training.optimizers.generator.type: unknown optimizer the string \"sgd\"; expected one of adam, rmsprop");
  }

  @Test
  void missingFileIsNamed(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("nope.json");
    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).hasMessage(file + ": no such file");
    Files.writeString(file, "{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"limit\": -1}}");
    assertThatThrownBy(() -> loader.load(file))
        .hasMessage(file + ": $.data.limit: must be 0 (all images) or more, got -1");
  }

  @Test
  void duplicateKeysAndTrailingContentAreMalformed() {
    assertError("{\"seed\": 42, \"seed\": 7, \"model\": {\"type\": \"tiny-gan\"}}",
        "bad.json: malformed JSON at line 1, column 20: Duplicate field 'seed'");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\", \"type\": \"gan\"}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.json: malformed JSON at line 1, column ")
        .hasMessageEndingWith(": Duplicate field 'type'");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}} trailing"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.json: malformed JSON at line 1, column ");
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}}\n{\"seed\": 1}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Trailing token (of type START_OBJECT) found after value");
    assertError("", "bad.json: empty; expected a JSON object");
    assertError("   \n ", "bad.json: empty; expected a JSON object");
  }

  @Test
  void documentsBeyondTheLimitsGetOneLineNotACrash() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> parse("{\"model\": {\"type\": \"tiny-gan\"}, \"x\": " + deep + "}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bad.json: objects and arrays nested deeper than 32 levels");
    assertThatThrownBy(() -> parse("{\"name\": \"" + "a".repeat(5000) + "\", \"model\": {\"type\": \"tiny-gan\"}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.json: a string longer than 4096 characters");
    assertThatThrownBy(() -> parse("{\"seed\": " + "9".repeat(100) + ", \"model\": {\"type\": \"tiny-gan\"}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.json: a number longer than 64 characters");
    assertError("{\"name\": \"" + "a".repeat(2_000_000) + "\"}",
        "bad.json: 2000012 characters; a config has at most 1048576");
    assertThat(parse("{\"model\": {\"type\": \"tiny-gan\"}, \"training\": {\"optimizers\": {\"generator\": {}}}}").seed())
        .isEqualTo(42);
  }

  @Test
  void controlCharactersInValuesStayOnOneLine() {
    assertError("{\"name\": \"a\\nb\", \"model\": {\"type\": \"tiny-gan\"}}",
        "bad.json: $.name: must be letters, digits, '.', '_' or '-' (it names a directory), got 'a\\nb'");
    assertError("{\"name\": \"" + "x".repeat(201) + "\", \"model\": {\"type\": \"tiny-gan\"}}",
        "bad.json: $.name: must be at most 200 characters (it names a directory), got 201");
  }

  @Test
  void runsDirectoryIsNormalizedAndNeverEmpty() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"output\": {\"runsDirectory\": \"\"}}",
        "bad.json: $.output.runsDirectory: must name a directory, got an empty string (write \".\" for the working directory)");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"output\": {\"runsDirectory\": \"  \"}}",
        "bad.json: $.output.runsDirectory: must name a directory, got an empty string (write \".\" for the working directory)");
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"output\": {\"runsDirectory\": \"a\\u0000b\"}}",
        "bad.json: $.output.runsDirectory: is not a valid path: Nul character not allowed");
    assertThat(parse("{\"model\": {\"type\": \"tiny-gan\"}, \"output\": {\"runsDirectory\": \"out/./a/../runs/\"}}")
        .output().runsDirectory()).isEqualTo("out/runs");
    assertThat(parse("{\"model\": {\"type\": \"tiny-gan\"}, \"output\": {\"runsDirectory\": \"a/..\"}}")
        .output().runsDirectory()).isEqualTo(".");
  }

  @Test
  void absurdSizesAreRefusedByTheirBounds() {
    assertError("{\"model\": {\"type\": \"tiny-gan\"}, \"data\": {\"batchSize\": 100000000}}",
        "bad.json: $.data.batchSize: must be at most 65536, got 100000000");
  }

  @Test
  void aDirectoryOrAHugeFileIsNamed(@TempDir Path directory) throws Exception {
    assertThatThrownBy(() -> loader.load(directory))
        .isInstanceOf(ConfigException.class)
        .hasMessage(directory + ": is a directory; expected a JSON config file");
    Path huge = directory.resolve("huge.json");
    Files.write(huge, new byte[2 << 20]);
    assertThatThrownBy(() -> loader.load(huge))
        .isInstanceOf(ConfigException.class)
        .hasMessage(huge + ": 2097152 bytes; a config has at most 1048576");
    Path binary = directory.resolve("binary.json");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
    assertThatThrownBy(() -> loader.load(binary))
        .isInstanceOf(ConfigException.class)
        .hasMessage(binary + ": not UTF-8 text; expected a JSON config file");
  }
}
