package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j train} with overrides, and {@code --resume} of a finished run with and without {@code --steps}. */
class TrainCommandTest {

  @TempDir static Path work;

  private static Path config;
  private static Path run;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void train() throws IOException {
    config = Files.writeString(work.resolve("gan.json"), """
        {"name": "cli", "seed": 9,
         "model": {"type": "gan", "latentSize": 8, "generatorLayers": [16], "discriminatorLayers": [16]},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 50, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2}}
        """);
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString(),
        "--set", "training.steps=9", "--set", "model.loss=hinge", "--set", "model.generatorLayers=[12, 20]",
        "--steps", "4", "--batch-size", "8", "--seed", "5", "--name", "overridden", "--no-progress-bar");
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
  }

  @Test
  void overridesReachTheResolvedConfigAndTheProvenance() throws IOException {
    assertThat(run.getFileName().toString()).startsWith("overridden-");
    JsonNode resolved = json(run.resolve("config.json"));
    assertThat(resolved.at("/training/steps").asLong()).isEqualTo(4); // --steps after --set training.steps=9
    assertThat(resolved.at("/model/loss").asText()).isEqualTo("hinge");
    assertThat(resolved.at("/model/generatorLayers").toString()).isEqualTo("[12,20]");
    assertThat(resolved.at("/data/batchSize").asInt()).isEqualTo(8);
    assertThat(resolved.at("/seed").asLong()).isEqualTo(5);
    assertThat(json(run.resolve("provenance.json")).get("overrides").toString()).isEqualTo(
        "[\"training.steps=9\",\"model.loss=hinge\",\"model.generatorLayers=[12,20]\",\"training.steps=4\","
            + "\"training.epochs=0\",\"data.batchSize=8\",\"seed=5\",\"name=overridden\"]");
    // --runs places the run, recorded in the resolved config rather than as an override
    assertThat(resolved.at("/output/runsDirectory").asText()).isEqualTo(work.resolve("runs").toString());
    // the step-0 grid and the final one
    assertThat(run.resolve("samples/step-00000000.png")).isRegularFile();
    assertThat(run.resolve("samples/step-00000004.png")).isRegularFile();
  }

  @Test
  void badOverridesAreOneLineErrorsNamingTheOverride() {
    Outcome unknownField = gen4j("train", config.toString(), "--set", "training.stpes=5");
    assertThat(unknownField.exitCode()).isEqualTo(Gen4jCommand.USAGE_ERROR);
    assertThat(unknownField.err()).isEqualTo("gen4j: " + config + ": $.training.stpes: unknown field 'stpes'; known"
        + " fields: bestCheckpoint, checkpointInterval, earlyStopping, epochs, evaluationInterval, keepCheckpoints,"
        + " logInterval, onNonFiniteLoss, optimizers, sampleInterval, schedules, steps, threads, visibleDevices"
        + " (overridden:"
        + " training.stpes=5)\n");
    Outcome outOfRange = gen4j("train", config.toString(), "--batch-size", "0");
    assertThat(outOfRange.err()).isEqualTo("gen4j: " + config + ": $.data.batchSize: must be at least 1, got 0"
        + " (overridden: data.batchSize=0)\n");
    Outcome noEquals = gen4j("train", config.toString(), "--set", "training.steps");
    assertThat(noEquals.err()).isEqualTo("gen4j: override 'training.steps': expected PATH=VALUE, e.g. training.steps=2000\n");
    Outcome withResume = gen4j("train", "--resume", run.toString(), "--seed", "3");
    assertThat(withResume.exitCode()).isEqualTo(Gen4jCommand.USAGE_ERROR);
    assertThat(withResume.err()).startsWith("--seed change a config, but a resumed run keeps the config it was started"
        + " with (--steps extends it)");
  }

  @Test
  void resumingAFinishedRunWithoutStepsSaysSoAndChangesNothing(@TempDir Path copies) throws IOException {
    Path copy = copy(run, copies.resolve("finished"));
    List<String> before = snapshot(copy);

    Outcome resumed = gen4j("train", "--resume", copy.toString());

    assertThat(resumed.exitCode()).isEqualTo(Gen4jCommand.USAGE_ERROR);
    assertThat(resumed.err()).isEqualTo("gen4j: " + copy + ": the run has finished (step 4); nothing was changed. To"
        + " train it further, resume it with a new length: gen4j train --resume " + copy + " --steps N (N more than"
        + " 4)\n");
    assertThat(snapshot(copy)).isEqualTo(before);
  }

  @Test
  void resumeWithStepsExtendsAFinishedRun(@TempDir Path copies) throws IOException {
    Path copy = copy(run, copies.resolve("extended"));

    Outcome extended = gen4j("train", "--resume", copy.toString(), "--steps", "7", "--no-progress-bar");

    assertThat(extended.exitCode()).as(extended.err()).isZero();
    assertThat(extended.out()).contains("steps: 7,");
    assertThat(json(copy.resolve("config.json")).at("/training/steps").asLong()).isEqualTo(7);
    assertThat(json(copy.resolve("status.json")).get("step").asLong()).isEqualTo(7);
    assertThat(Files.readAllLines(copy.resolve("metrics.jsonl")).stream()
        .filter(line -> line.startsWith("{\"step\":")).map(line -> line.substring(8, line.indexOf(',')))).containsExactly(
            "1", "2", "3", "4", "5", "6", "7");
    Outcome tooShort = gen4j("train", "--resume", copy.toString(), "--steps", "7");
    assertThat(tooShort.err()).isEqualTo("gen4j: " + copy + ": --steps 7 must be more than the 7 steps the run has"
        + " done; nothing was changed\n");
  }

  private static JsonNode json(Path file) throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(file));
  }

  /** Every file's path, size and modification time. */
  private static List<String> snapshot(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).sorted().map(file -> {
        try {
          return directory.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  private static Path copy(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copied = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copied);
        } else {
          Files.copy(file, copied, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return target;
  }

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }
}
