package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j sample --mode} and {@code gen4j nll} from the command line, on a short run of a 2-D vae. */
class VaeCommandsTest {

  @TempDir static Path work;

  private static Path run;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void train() throws IOException {
    Path config = Files.writeString(work.resolve("vae.json"), """
        {"name": "cli-vae", "seed": 9,
         "model": {"type": "vae", "latentSize": 2, "hiddenLayers": [16]},
         "data": {"batchSize": 16, "limit": 32},
         "training": {"steps": 2, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2,
                      "evaluationInterval": 2}}
        """);
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
  }

  @Test
  void everyModeWritesItsGrid(@TempDir Path out) {
    assertThat(gen4j("sample", "--run", run.toString(), "--mode", "reconstruct", "--n", "4", "--out",
        out.resolve("r.png").toString()))
        .isEqualTo(new Outcome(0, "wrote 4 test images and their reconstructions to " + out.resolve("r.png")
            + " (grid)\n", ""));
    assertThat(gen4j("sample", "--run", run.toString(), "--mode", "interpolate", "--n", "2", "--steps", "3", "--out",
        out.resolve("i.npy").toString()))
        .isEqualTo(new Outcome(0, "wrote 2 interpolations of 3 steps between test images to " + out.resolve("i.npy")
            + " (npy)\n", ""));
    assertThat(gen4j("sample", "--run", run.toString(), "--mode", "manifold", "--size", "5", "--out",
        out.resolve("m.png").toString()))
        .isEqualTo(new Outcome(0, "wrote the 5x5 latent manifold to " + out.resolve("m.png") + " (grid)\n", ""));
    assertThat(out.resolve("r.png")).isNotEmptyFile();
    assertThat(out.resolve("i.npy")).isNotEmptyFile();
    assertThat(out.resolve("m.png")).isNotEmptyFile();
  }

  @Test
  void anUnknownModeIsAUsageError(@TempDir Path out) {
    Outcome outcome = gen4j("sample", "--run", run.toString(), "--mode", "walk", "--out", out.resolve("w.png").toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("--mode must be one of sample, reconstruct, interpolate, manifold, got 'walk'\n");
  }

  @Test
  void nllNamesTheProtocolAndTheCheckpoint() {
    Outcome outcome = gen4j("nll", "--run", run.toString(), "--k", "3", "--limit", "20");
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.out()).startsWith("mnist-test: 20 images, dynamic binarization, checkpoint at step 2\n");
    assertThat(outcome.out()).containsPattern("\nnll +[0-9.]+ nats \\(IWAE bound, k=3; standard error over images [0-9.]+\\)\n");
    assertThat(gen4j("nll", "--run", run.toString(), "--k", "0"))
        .isEqualTo(new Outcome(2, "", "gen4j: the number of importance samples must be at least 1, got 0\n"));
  }

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
  }
}
