package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j config show} and {@code gen4j config schema}, and the shipped configs against the schema. */
class ConfigCommandTest {

  private static final Path CONFIGS = Path.of("configs");
  private static final Path SCHEMA = CONFIGS.resolve(ConfigSchema.FILE_NAME);

  private record Outcome(int exitCode, String out, String err) {}

  @Test
  void showPrintsTheResolvedConfigWithOverrides() {
    ConfigLoader loader = Gen4j.create().configLoader();
    Path config = CONFIGS.resolve("gan-mnist.json");
    Outcome shown = gen4j("config", "show", config.toString(), "--set", "training.steps=2000");
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).isEqualTo(loader.toJson(loader.load(config,
        List.of(io.gen4j.config.ConfigOverride.parse("training.steps=2000")))).replace(System.lineSeparator(), "\n"));
    assertThat(shown.out()).contains("\"steps\" : 2000", "\"keepCheckpoints\" : 3", "\"earlyStopping\" : null",
        "\"generator\" : {\n        \"type\" : \"adam\"");
    Outcome missing = gen4j("config", "show", "nope.json");
    assertThat(missing).isEqualTo(new Outcome(Gen4jCommand.USAGE_ERROR, "", "gen4j: nope.json: no such file\n"));
  }

  @Test
  void theShippedSchemaIsTheGeneratedOne(@TempDir Path directory) throws IOException {
    Outcome printed = gen4j("config", "schema");
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(Files.readString(SCHEMA))
        .as("examples/configs/%s is stale: regenerate it with ./gen4j config schema --out examples/configs/%s",
            ConfigSchema.FILE_NAME, ConfigSchema.FILE_NAME)
        .isEqualTo(printed.out());
    Path written = directory.resolve("schema.json");
    assertThat(gen4j("config", "schema", "--out", written.toString()).out()).isEqualTo("wrote " + written + "\n");
    assertThat(Files.readString(written)).isEqualTo(Files.readString(SCHEMA));
    // every model type on the class path is described
    assertThat(printed.out()).contains("\"enum\" : [ \"dcgan\", \"gan\", \"resgan\", \"vae\", \"wgan\" ]", "\"model.vae\"");
  }

  @Test
  void everyShippedConfigReferencesTheSchemaAndIsValidAgainstIt() throws IOException {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JsonMapper.builder().build().readTree(Files.readString(SCHEMA)));
    ConfigLoader loader = Gen4j.create().configLoader();
    List<Path> configs;
    try (Stream<Path> files = Files.list(CONFIGS)) {
      configs = files.filter(file -> file.toString().endsWith(".json") && !file.equals(SCHEMA)).sorted().toList();
    }
    assertThat(configs).hasSizeGreaterThanOrEqualTo(7);
    for (Path config : configs) {
      JsonNode tree = JsonMapper.builder().build().readTree(Files.readString(config));
      assertThat(tree.path("$schema").asText()).as(config.toString()).isEqualTo(ConfigSchema.FILE_NAME);
      assertThat(schema.validate(tree)).as(config.toString()).isEmpty();
      // and its resolved form, every default filled in, is valid too
      assertThat(schema.validate(JsonMapper.builder().build().readTree(loader.toJson(loader.load(config)))))
          .as("resolved " + config).isEmpty();
    }
  }

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }
}
