package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.spi.ModelProvider;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars given to the command line ({@code --plugin}, {@code GEN4J_PLUGINS}), how {@code gen4j
 * models} shows them, and plugin mistakes as one line with exit status 2 ({@code --debug} adds the trace).
 */
class PluginJarsCommandTest {

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome gen4j(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Outcome gen4j(String... args) {
    return gen4j(Map.of(), args);
  }

  @Test
  void aPluginJarGivenWithTheOptionOrTheEnvironmentIsListedWithItsJar(@TempDir Path directory) throws IOException {
    Path jar = jar(directory.resolve("failing-graph-1.0.jar"), FailingGraphProvider.class.getName());

    Outcome byOption = gen4j("models", "--plugin", jar.toString());
    assertThat(byOption.exitCode()).as(byOption.err()).isZero();
    List<String> lines = byOption.out().lines().toList();
    String row = lines.stream().filter(line -> line.startsWith("  failing-graph ")).findFirst().orElseThrow();
    assertThat(row).containsSubsequence("failing-graph", "failing-graph-1.0.jar", "throws while building its graph");
    String trainer = lines.stream().filter(line -> line.startsWith("  sequential ")).findFirst().orElseThrow();
    assertThat(trainer).contains(ModelsCommand.BUILT_IN);
    // Every row's source starts in the same column, whatever the length of the name.
    assertThat(row.indexOf("failing-graph-1.0.jar")).isEqualTo(trainer.indexOf(ModelsCommand.BUILT_IN));
    String gan = lines.stream().filter(line -> line.startsWith("  gan ")).findFirst().orElseThrow();
    assertThat(gan.indexOf("vanilla GAN")).isEqualTo(row.indexOf("throws while building its graph"));
    assertThat(byOption.out()).doesNotContain("Broken plugins");

    Outcome byEnvironment = gen4j(Map.of("GEN4J_PLUGINS", "/no/such/folder-is-skipped-not" + File.pathSeparator + directory),
        "--plugin", jar.toString(), "models");
    assertThat(byEnvironment.exitCode()).isEqualTo(2);
    assertThat(byEnvironment.err()).isEqualTo("gen4j: GEN4J_PLUGINS: /no/such/folder-is-skipped-not: no such jar or folder\n");

    Outcome folder = gen4j(Map.of("GEN4J_PLUGINS", directory.toString()), "models");
    assertThat(folder.exitCode()).as(folder.err()).isZero();
    assertThat(folder.out()).contains("failing-graph-1.0.jar");
  }

  @Test
  void aMissingPluginJarIsOneLine() {
    Outcome outcome = gen4j("--plugin", "/no/such.jar", "models");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("gen4j: --plugin /no/such.jar: no such jar\n");
  }

  @Test
  void brokenPluginsAreFlaggedByModelsAndRefusedByTheOtherCommandsInOneLine(@TempDir Path directory) throws IOException {
    Path typo = jar(directory.resolve("typo.jar"), "io.example.FailingGraphProvidr");
    Path config = Files.writeString(directory.resolve("gan.json"), "{\"model\": {\"type\": \"gan\"}}");

    Outcome models = gen4j("models", "--plugin", typo.toString());
    assertThat(models.exitCode()).as(models.err()).isZero();
    assertThat(models.out()).contains("  gan ", "  dcgan ", "  sequential ");
    assertThat(models.out()).endsWith("Broken plugins (not loaded; the other commands refuse to start until they are fixed"
        + " or removed):\n  " + typo + ": plugin class io.example.FailingGraphProvidr: META-INF/services/"
        + ModelProvider.class.getName() + " line 1 names this class, but there is no such class\n");

    Outcome train = gen4j("train", config.toString(), "--plugin", typo.toString());
    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err()).isEqualTo("gen4j: " + typo + ": plugin class io.example.FailingGraphProvidr: META-INF/services/"
        + ModelProvider.class.getName() + " line 1 names this class, but there is no such class\n");

    Outcome debug = gen4j("--debug", "train", config.toString(), "--plugin", typo.toString());
    assertThat(debug.exitCode()).isEqualTo(2);
    assertThat(debug.err()).startsWith("io.gen4j.inject.PluginException: " + typo + ": plugin class");
    assertThat(debug.err()).contains("\tat io.gen4j.");
    assertThat(debug.err()).endsWith("gen4j: " + typo + ": plugin class io.example.FailingGraphProvidr: META-INF/services/"
        + ModelProvider.class.getName() + " line 1 names this class, but there is no such class\n");
  }

  @Test
  void twoProvidersOfOneNameAreOneLineNamingBothJars(@TempDir Path directory) throws IOException {
    Path first = jar(directory.resolve("first.jar"), FailingGraphProvider.class.getName());
    Path second = jar(directory.resolve("second.jar"), FailingGraphProvider.class.getName());
    Outcome outcome = gen4j("train", "unused.json", "--plugin", first.toString(), "--plugin", second.toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("gen4j: " + second + ": plugin class " + FailingGraphProvider.class.getName()
        + ": two versions are on the class path: unknown in " + first + " and unknown in " + second
        + "; remove one of the jars\n");
  }

  @Test
  void aGraphThatFailsToBuildIsOneLineAndMarksTheRunFailed(@TempDir Path directory) throws IOException {
    Path jar = jar(directory.resolve("failing-graph-1.0.jar"), FailingGraphProvider.class.getName());
    Path config = Files.writeString(directory.resolve("failing.json"), """
        {"name": "failing", "model": {"type": "failing-graph"}, "data": {"batchSize": 8, "limit": 16},
         "training": {"steps": 2}}
        """);
    Path runs = directory.resolve("runs");

    Outcome outcome = gen4j("train", config.toString(), "--runs", runs.toString(), "--plugin", jar.toString());

    String line = jar + ": model type 'failing-graph': building its graph failed: java.lang.IllegalStateException:"
        + " the generator needs 3 channels, the images have 1";
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).endsWith("gen4j: " + line + "\n");
    assertThat(outcome.err()).doesNotContain("\tat ");
    Path run;
    try (Stream<Path> made = Files.list(runs)) {
      run = made.findFirst().orElseThrow();
    }
    JsonNode status = JsonMapper.builder().build().readTree(run.resolve("status.json").toFile());
    assertThat(status.path("state").asText()).isEqualTo("failed");
    assertThat(status.path("step").asLong()).isZero();
    assertThat(status.path("reason").asText()).isEqualTo(line);
    assertThat(Files.readString(run.resolve("index.html"))).contains("failed at step 0: ");
  }

  @Test
  void aSweepHandsItsPluginJarsToTheProcessOfEachRun(@TempDir Path directory) throws IOException {
    Path jar = jar(directory.resolve("failing-graph-1.0.jar"), FailingGraphProvider.class.getName());
    Path sweep = Files.writeString(directory.resolve("plugged.json"), """
        {"name": "plugged",
         "base": {"model": {"type": "failing-graph"}, "data": {"batchSize": 8, "limit": 16}, "training": {"steps": 2}},
         "eval": false}
        """);
    Path runs = directory.resolve("runs");

    Outcome outcome = gen4j("sweep", sweep.toString(), "--runs", runs.toString(), "--no-progress-bar",
        "--plugin", jar.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(Gen4jCommand.FAILURE);
    Path run;
    try (Stream<Path> made = Files.list(runs.resolve("plugged"))) {
      run = made.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    // The run's own process loaded the plugin (else its model type would be unknown there) and got as far
    // as building the model's graph, which failed; the run directory says so.
    assertThat(Files.readString(run.resolve("sweep.log"))).contains("sweep --plugin " + jar + " --worker " + run);
    JsonNode status = JsonMapper.builder().build().readTree(run.resolve("status.json").toFile());
    assertThat(status.path("state").asText()).isEqualTo("failed");
    assertThat(status.path("reason").asText()).isEqualTo(jar + ": model type 'failing-graph': building its graph"
        + " failed: java.lang.IllegalStateException: the generator needs 3 channels, the images have 1");
    assertThat(Files.readString(run.resolve("index.html"))).contains("failed at step 0: ");
  }

  /** A jar whose services file lists {@code providers} (classes of the test class path). */
  private static Path jar(Path file, String providers) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("META-INF/services/" + ModelProvider.class.getName()));
      jar.write((providers + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file.toAbsolutePath().normalize();
  }
}
