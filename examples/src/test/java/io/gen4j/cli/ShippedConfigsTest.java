package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigSchema;
import io.gen4j.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped config reads, with the model and dataset types installed with the CLI. */
class ShippedConfigsTest {

  @Test
  void everyShippedConfigReads() throws IOException {
    Path configs = Path.of("configs");
    List<Path> files;
    try (Stream<Path> list = Files.list(configs)) {
      files = list.filter(file -> file.toString().endsWith(".json"))
          .filter(file -> !file.getFileName().toString().equals(ConfigSchema.FILE_NAME)) // the schema, not a config
          .sorted().toList();
    }
    ConfigLoader loader = Gen4j.create().configLoader();

    assertThat(files).isNotEmpty();
    for (Path file : files) {
      ExperimentConfig config = loader.load(file);
      assertThat(config.name()).as(file.toString()).isEqualTo(file.getFileName().toString().replace(".json", ""));
    }
    assertThat(loader.load(configs.resolve("gan-fashion-mnist.json")).data().type()).isEqualTo("fashion-mnist");
  }
}
