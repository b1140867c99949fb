package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.train.RunDirectory;
import io.gen4j.train.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of malformed configs and command lines, as a careless or hostile user writes them, each with
 * the one line {@code gen4j} must answer and exit status 2, and no run directory left behind. A config
 * case runs {@code gen4j train FILE --runs RUNS}; in an expected line {@code FILE} and {@code WORK} stand
 * for the config file and the test's directory, and a trailing {@code ...} makes the line a prefix.
 */
class MalformedInputTest {

  private static final String GAN = "{\"model\": {\"type\": \"gan\"}";
  private static final String TYPES = "available types: dcgan, gan, resgan, vae, wgan";
  private static final String CONTROL = "' (it names a directory), got '";

  @TempDir static Path work;

  private static Path finishedRun;

  /** One case: a config's text (or null) and command-line arguments, and the line expected. */
  record Case(String name, String config, List<String> arguments, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case config(String name, String json, String expected) {
    return new Case(name, json, List.of(), expected);
  }

  private static Case command(String name, String expected, String... arguments) {
    return new Case(name, null, List.of(arguments), expected);
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // JSON itself
    cases.add(config("empty file", "", "FILE: empty; expected a JSON object"));
    cases.add(config("only spaces", "  \n\t ", "FILE: empty; expected a JSON object"));
    cases.add(config("unclosed object", "{", "FILE: malformed JSON at line 1, column 2: ..."));
    cases.add(config("unclosed string", "{\"name\": \"x", "FILE: malformed JSON at line 1, column 12: ..."));
    cases.add(config("single quotes", "{'name': 'x'}", "FILE: malformed JSON at line 1, column 2: Unexpected character"
        + " (''' (code 39)): was expecting double-quote to start field name"));
    cases.add(config("comment", "// my config\n" + GAN + "}", "FILE: malformed JSON at line 1, column 1: Unexpected character ('/' (code 47)): maybe a (non-standard)"
        + " comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"));
    cases.add(config("trailing comma", GAN + ",}", "FILE: malformed JSON at line 1, column 27: Unexpected character ('}' (code 125)): was expecting"
        + " double-quote to start field name"));
    cases.add(config("trailing garbage", GAN + "} and more", "FILE: malformed JSON at line 1, column ..."));
    cases.add(config("second root object", GAN + "}\n{\"seed\": 1}", "FILE: malformed JSON at line 2, column ..."));
    cases.add(config("duplicate seed", "{\"seed\": 42, \"seed\": 7, \"model\": {\"type\": \"gan\"}}",
        "FILE: malformed JSON at line 1, column 20: Duplicate field 'seed'"));
    cases.add(config("duplicate type", "{\"model\": {\"type\": \"gan\", \"type\": \"vae\"}}",
        "FILE: malformed JSON at line 1, column 33: Duplicate field 'type'"));
    cases.add(config("deep nesting", "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}",
        "FILE: objects and arrays nested deeper than 32 levels"));
    cases.add(config("long string", "{\"name\": \"" + "n".repeat(10_000) + "\"}",
        "FILE: a string longer than 4096 characters"));
    cases.add(config("long number", "{\"seed\": " + "7".repeat(1000) + "}",
        "FILE: a number longer than 64 characters"));
    cases.add(config("huge file", "{\"name\": \"" + "n".repeat(2_000_000) + "\"}",
        "FILE: 2000012 bytes; a config has at most 1048576"));
    cases.add(config("not UTF-8", "\u00ff\u00fe", "FILE: ..."));
    // the root and the model section
    cases.add(config("array root", "[]", "FILE: $: expected a JSON object, got an array"));
    cases.add(config("number root", "42", "FILE: $: expected a JSON object, got the integer 42"));
    cases.add(config("null root", "null", "FILE: $: expected a JSON object, got null"));
    cases.add(config("no model", "{}", "FILE: $.model: required: an object with a 'type'; " + TYPES));
    cases.add(config("model not an object", "{\"model\": 1}",
        "FILE: $.model: expected an object with a 'type', got the integer 1"));
    cases.add(config("model without type", "{\"model\": {}}", "FILE: $.model.type: required: the model type; " + TYPES));
    cases.add(config("model type a number", "{\"model\": {\"type\": 5}}",
        "FILE: $.model.type: required: the model type; " + TYPES));
    cases.add(config("unknown model type", "{\"model\": {\"type\": \"stylegan\"}}",
        "FILE: $.model.type: unknown model type 'stylegan'; " + TYPES));
    cases.add(config("unknown top-level field", GAN + ", \"epochs\": 3}",
        "FILE: $.epochs: unknown field 'epochs'; known fields: $schema, name, seed, model, data, training, output"));
    cases.add(config("unknown model field", "{\"model\": {\"type\": \"gan\", \"hiden\": 3}}",
        "FILE: $.model.hiden: unknown field 'hiden'; known fields: ..."));
    // name and seed
    cases.add(config("seed a string", GAN + ", \"seed\": \"x\"}", "FILE: $.seed: expected an integer, got the string \"x\""));
    cases.add(config("seed a fraction", GAN + ", \"seed\": 1.5}", "FILE: $.seed: expected an integer, got the number 1.5"));
    cases.add(config("seed beyond long", GAN + ", \"seed\": 99999999999999999999}",
        "FILE: $.seed: expected an integer, got the integer 99999999999999999999"));
    cases.add(config("name a number", GAN + ", \"name\": 5}", "FILE: $.name: expected a string, got the integer 5"));
    cases.add(config("name with a slash", GAN + ", \"name\": \"../../etc\"}",
        "FILE: $.name: must be letters, digits, '.', '_' or '-" + CONTROL + "../../etc'"));
    cases.add(config("empty name", GAN + ", \"name\": \"\"}", "FILE: $.name: must be letters, digits, '.', '_' or '-" + CONTROL + "'"));
    cases.add(config("name with a line break", GAN + ", \"name\": \"a\\nb\"}",
        "FILE: $.name: must be letters, digits, '.', '_' or '-" + CONTROL + "a\\nb'"));
    cases.add(config("name too long", GAN + ", \"name\": \"" + "n".repeat(300) + "\"}",
        "FILE: $.name: must be at most 200 characters (it names a directory), got 300"));
    // data
    cases.add(config("data a number", GAN + ", \"data\": 5}", "FILE: $.data: expected an object, got the integer 5"));
    cases.add(config("batch size a string", GAN + ", \"data\": {\"batchSize\": \"64\"}}",
        "FILE: $.data.batchSize: expected an integer, got the string \"64\""));
    cases.add(config("batch size zero", GAN + ", \"data\": {\"batchSize\": 0}}", "FILE: $.data.batchSize: must be at least 1, got 0"));
    cases.add(config("batch size absurd", GAN + ", \"data\": {\"batchSize\": 100000000}}",
        "FILE: $.data.batchSize: must be at most 65536, got 100000000"));
    cases.add(config("batch beyond the dataset", GAN + ", \"data\": {\"batchSize\": 65536}}",
        "experiment 'experiment': $.data.batchSize: 65536 is more than the 60000 images of mnist-train"));
    cases.add(config("batch beyond the limit", GAN + ", \"data\": {\"batchSize\": 64, \"limit\": 10}}",
        "experiment 'experiment': $.data.batchSize: 64 is more than the 10 images of mnist-train (data.limit)"));
    cases.add(config("negative limit", GAN + ", \"data\": {\"limit\": -1}}", "FILE: $.data.limit: must be 0 (all images) or more, got -1"));
    // training
    cases.add(config("zero steps", GAN + ", \"training\": {\"steps\": 0}}", "FILE: $.training.steps: must be at least 1, got 0"));
    cases.add(config("negative steps", GAN + ", \"training\": {\"steps\": -5}}", "FILE: $.training.steps: must be at least 1, got -5"));
    cases.add(config("negative epochs", GAN + ", \"training\": {\"epochs\": -1}}",
        "FILE: $.training.epochs: must be 0 (use steps) or more, got -1"));
    for (String interval : List.of("logInterval", "sampleInterval", "checkpointInterval", "evaluationInterval", "keepCheckpoints")) {
      cases.add(config(interval + " zero", GAN + ", \"training\": {\"" + interval + "\": 0}}",
          "FILE: $.training." + interval + ": must be at least 1, got 0"));
    }
    cases.add(config("unknown non-finite policy", GAN + ", \"training\": {\"onNonFiniteLoss\": \"explode\"}}",
        "FILE: $.training.onNonFiniteLoss: expected one of stop, rollback, got the string \"explode\""));
    cases.add(config("optimizers a number", GAN + ", \"training\": {\"optimizers\": 5}}",
        "FILE: $.training.optimizers: expected an object, got the integer 5"));
    cases.add(config("optimizer of an unknown network", GAN + ", \"training\": {\"optimizers\": {\"critic\": {}}}}",
        "FILE: $.training.optimizers.critic: unknown network 'critic'; networks of model 'gan': discriminator, generator"));
    cases.add(config("unknown optimizer", GAN + ", \"training\": {\"optimizers\": {\"generator\": {\"type\": \"sgd\"}}}}",
        "FILE: $.training.optimizers.generator.type: unknown optimizer the string \"sgd\"; expected one of adam, rmsprop"));
    cases.add(config("negative learning rate", GAN + ", \"training\": {\"optimizers\": {\"generator\": {\"learningRate\": -1}}}}",
        "FILE: $.training.optimizers.generator.learningRate: must be greater than 0, got -1.0"));
    cases.add(config("unknown optimizer field", GAN + ", \"training\": {\"optimizers\": {\"generator\": {\"lr\": 1}}}}",
        "FILE: $.training.optimizers.generator.lr: unknown field 'lr'; known fields: beta1, beta2, epsilon, learningRate"));
    // output
    cases.add(config("output a number", GAN + ", \"output\": 5}", "FILE: $.output: expected an object, got the integer 5"));
    cases.add(config("empty runs directory", GAN + ", \"output\": {\"runsDirectory\": \"\"}}",
        "FILE: $.output.runsDirectory: must name a directory, got an empty string (write \".\" for the working directory)"));
    cases.add(config("runs directory a number", GAN + ", \"output\": {\"runsDirectory\": 5}}",
        "FILE: $.output.runsDirectory: expected a string, got the integer 5"));
    // model fields
    cases.add(config("latent size zero", "{\"model\": {\"type\": \"gan\", \"latentSize\": 0}}",
        "FILE: $.model.latentSize: must be at least 1, got 0"));
    cases.add(config("latent size absurd", "{\"model\": {\"type\": \"gan\", \"latentSize\": 100000000}}",
        "FILE: $.model.latentSize: must be at most 65536, got 100000000"));
    cases.add(config("no layers", "{\"model\": {\"type\": \"gan\", \"generatorLayers\": []}}",
        "FILE: $.model.generatorLayers: must list at least one layer width"));
    cases.add(config("layer width absurd", "{\"model\": {\"type\": \"gan\", \"generatorLayers\": [1000000000]}}",
        "FILE: $.model.generatorLayers[0]: must be at most 65536, got 1000000000"));
    cases.add(config("layers a string", "{\"model\": {\"type\": \"gan\", \"generatorLayers\": \"big\"}}",
        "FILE: $.model.generatorLayers: expected an array, got the string \"big\""));
    cases.add(config("unknown loss", "{\"model\": {\"type\": \"gan\", \"loss\": \"magic\"}}",
        "FILE: $.model.loss: expected one of ..."));
    cases.add(config("slope out of range", "{\"model\": {\"type\": \"gan\", \"leakySlope\": 1.5}}",
        "FILE: $.model.leakySlope: must be in [0, 1), got 1.5"));
    cases.add(config("negative beta", "{\"model\": {\"type\": \"vae\", \"beta\": -1}}",
        "FILE: $.model.beta: must be a finite number of at least 0, got -1.0"));
    cases.add(config("vae width absurd", "{\"model\": {\"type\": \"vae\", \"hiddenLayers\": [512, 2000000]}}",
        "FILE: $.model.hiddenLayers[1]: must be at most 65536, got 2000000"));
    cases.add(config("kernel size zero", "{\"model\": {\"type\": \"dcgan\", \"kernelSize\": 0}}",
        "FILE: $.model.kernelSize: must be at least 1, got 0"));
    cases.add(config("model beyond memory",
        "{\"model\": {\"type\": \"gan\", \"generatorLayers\": [65536, 65536, 65536]}, \"training\": {\"steps\": 1}}",
        "experiment 'experiment': $.model: at batch size 64 the model needs about ..."));
    // command lines
    Path missing = work.resolve("missing.json");
    cases.add(command("missing config", missing + ": no such file", "train", missing.toString()));
    cases.add(command("config is a directory", "WORK: is a directory; expected a JSON config file", "train", "WORK"));
    cases.add(command("runs is a file", "runs directory WORK/a-file is a file, not a directory",
        "train", "CONFIG", "--runs", "WORK/a-file"));
    cases.add(command("runs under a file", "runs directory WORK/a-file/runs lies under WORK/a-file, which is a file",
        "train", "CONFIG", "--runs", "WORK/a-file/runs"));
    cases.add(command("runs name too long", "cannot create the runs directory WORK/" + "r".repeat(300)
        + ": file name too long", "train", "CONFIG", "--runs", "WORK/" + "r".repeat(300)));
    cases.add(command("empty runs", "--runs: must name a directory, got an empty string (write \".\" for the working"
        + " directory)", "train", "CONFIG", "--runs", ""));
    cases.add(command("resume a missing run", "WORK/nowhere: no such run directory", "train", "--resume", "WORK/nowhere"));
    cases.add(command("resume a file", "WORK/a-file: not a directory", "train", "--resume", "WORK/a-file"));
    cases.add(command("resume a directory that is no run", "WORK/empty: not a gen4j run directory (no config.json)",
        "train", "--resume", "WORK/empty"));
    cases.add(command("resume a run being trained", "RUN: this process is training the run already; one writer per run",
        "train", "--resume", "LOCKED", "--steps", "10"));
    cases.add(command("sample a model that is no export", "WORK/empty: not a gen4j export (no gen4j-export.json)",
        "sample", "--model", "WORK/empty", "--out", "WORK/x.png"));
    cases.add(command("sample a run without checkpoint", "WORK/no-checkpoint: no checkpoint to sample from",
        "sample", "--run", "WORK/no-checkpoint", "--out", "WORK/x.png"));
    cases.add(command("export a missing run", "WORK/nowhere: no such run directory",
        "export", "--run", "WORK/nowhere", "--out", "WORK/export"));
    cases.add(command("status of a missing run", "WORK/nowhere: no such run directory", "status", "WORK/nowhere"));
    cases.add(command("evaluate a file that is no npy", "WORK/a-file: not a NumPy .npy file (it does not start with \\x93NUMPY)",
        "eval", "--samples", "WORK/a-file"));
    return cases;
  }

  @BeforeAll
  static void prepare() throws IOException {
    Files.writeString(work.resolve("a-file"), "not a directory");
    Files.createDirectories(work.resolve("empty"));
    Files.writeString(work.resolve("valid.json"), """
        {"name": "ok", "model": {"type": "gan", "generatorLayers": [8], "discriminatorLayers": [8], "latentSize": 4},
         "data": {"batchSize": 8, "limit": 16}, "training": {"steps": 2, "logInterval": 1, "checkpointInterval": 2}}
        """);
    Path noCheckpoint = Files.createDirectories(work.resolve("no-checkpoint"));
    Outcome trained = gen4j("train", work.resolve("valid.json").toString(), "--runs", work.resolve("trained").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("trained"))) {
      finishedRun = runs.findFirst().orElseThrow();
    }
    Files.copy(finishedRun.resolve("config.json"), noCheckpoint.resolve("config.json"));
  }

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  @Test
  void theTableHasAtLeastSixtyCases() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(60);
    assertThat(cases()).extracting(Case::name).doesNotHaveDuplicates();
  }

  @Test
  void statusSaysWhereEachRunStands() throws Exception {
    Path interrupted = Files.createDirectories(work.resolve("interrupted"));
    Files.copy(finishedRun.resolve("config.json"), interrupted.resolve("config.json"));
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    Files.writeString(interrupted.resolve("status.json"), "{\"state\": \"running\", \"step\": 40, \"totalSteps\": 600,"
        + " \"pid\": " + gone.pid() + ", \"host\": \"" + io.gen4j.train.ProcessIdentity.localHost() + "\", \"startMillis\": -1}");

    Outcome outcome = gen4j("status", finishedRun.toString(), interrupted.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out().lines().toList()).satisfiesExactly(
        finished -> assertThat(finished).startsWith(finishedRun + ": finished: 2 steps in "),
        killed -> assertThat(killed).isEqualTo(interrupted + ": interrupted: last recorded at step 40 of 600, then PID "
            + gone.pid() + " on host " + io.gen4j.train.ProcessIdentity.localHost() + " ended without finishing;"
            + " gen4j train --resume continues it from its last checkpoint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachMistakeIsOneLineAndExitStatusTwo(Case mistake, @TempDir Path scratch) throws IOException {
    Path runs = scratch.resolve("runs");
    Path file = scratch.resolve("config.json");
    List<String> arguments = new ArrayList<>();
    if (mistake.config() != null) {
      Files.write(file, mistake.config().equals("\u00ff\u00fe") ? new byte[] {(byte) 0xff, (byte) 0xfe, 0}
          : mistake.config().getBytes(StandardCharsets.UTF_8));
      arguments.addAll(List.of("train", file.toString(), "--runs", runs.toString()));
    } else {
      for (String argument : mistake.arguments()) {
        arguments.add(argument.replace("CONFIG", work.resolve("valid.json").toString())
            .replace("LOCKED", finishedRun.toString()).replace("WORK", work.toString()));
      }
    }

    Outcome outcome;
    if (mistake.arguments().contains("LOCKED")) {
      try (RunLock lock = RunLock.acquire(RunDirectory.open(finishedRun), message -> { })) {
        outcome = gen4j(arguments.toArray(String[]::new));
      }
    } else {
      outcome = gen4j(arguments.toArray(String[]::new));
    }

    String expected = "gen4j: " + mistake.expected().replace("FILE", file.toString())
        .replace("RUN", finishedRun.toString()).replace("WORK", work.toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err()).as("one line").endsWith("\n").doesNotContain("\tat ");
    String line = outcome.err().substring(0, outcome.err().length() - 1);
    assertThat(line).as("one line").doesNotContain("\n");
    if (expected.endsWith("...")) {
      assertThat(line).startsWith(expected.substring(0, expected.length() - 3));
    } else {
      assertThat(line).isEqualTo(expected);
    }
    if (Files.exists(runs)) {
      try (Stream<Path> left = Files.list(runs)) {
        assertThat(left).as("run directories left behind").isEmpty();
      }
    }
  }
}
