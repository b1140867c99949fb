package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.export.NpyImages;
import io.gen4j.spi.ImageBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j export} and {@code gen4j sample} from the command line, on a short GAN run. */
class ExportAndSampleCommandTest {

  @TempDir static Path work;

  private static Path run;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void train() throws IOException {
    Path config = Files.writeString(work.resolve("gan.json"), """
        {"name": "cli", "seed": 9,
         "model": {"type": "gan", "latentSize": 8, "generatorLayers": [16], "discriminatorLayers": [16]},
         "data": {"batchSize": 16, "limit": 32},
         "training": {"steps": 2, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2}}
        """);
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
  }

  @Test
  void exportsAndSamplesTheExportInEveryFormat(@TempDir Path out) throws IOException {
    Path export = out.resolve("export");
    Outcome exported = gen4j("export", "--run", run.toString(), "--out", export.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).isEqualTo("exported gan (step 2) to " + export + "\n"
        + "tag 'serve', signature 'serving_default': latent float32 [n, 8] -> images float32 [n, 28, 28, 1] in [0, 1]\n");

    assertThat(gen4j("sample", "--model", export.toString(), "--n", "5", "--out", out.resolve("model.npy").toString()).out())
        .isEqualTo("wrote 5 samples to " + out.resolve("model.npy") + " (npy)\n");
    assertThat(gen4j("sample", "--run", run.toString(), "--n", "5", "--format", "npy", "--out", out.resolve("run.data").toString())
        .exitCode()).isZero();
    ImageBatch fromModel = NpyImages.read(out.resolve("model.npy"));
    assertThat(fromModel.count()).isEqualTo(5);
    assertThat(fromModel.toArray()).containsExactly(NpyImages.read(out.resolve("run.data")).toArray());

    assertThat(gen4j("sample", "--model", export.toString(), "--n", "3", "--out", out.resolve("pngs").toString()).exitCode()).isZero();
    try (Stream<Path> pngs = Files.list(out.resolve("pngs"))) {
      assertThat(pngs.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("sample-0000.png", "sample-0001.png", "sample-0002.png");
    }
    assertThat(gen4j("sample", "--model", export.toString(), "--n", "4", "--out", out.resolve("grid.png").toString()).exitCode()).isZero();
    assertThat(out.resolve("grid.png")).isRegularFile();
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo(@TempDir Path out) throws IOException {
    Path missing = out.resolve("missing");
    assertThat(gen4j("export", "--run", missing.toString(), "--out", out.resolve("export").toString()))
        .isEqualTo(new Outcome(2, "", "gen4j: " + missing + ": no such run directory\n"));

    Path noCheckpoint = Files.createDirectories(out.resolve("no-checkpoint"));
    Files.copy(run.resolve("config.json"), noCheckpoint.resolve("config.json"));
    assertThat(gen4j("export", "--run", noCheckpoint.toString(), "--out", out.resolve("export").toString()))
        .isEqualTo(new Outcome(2, "", "gen4j: " + noCheckpoint + ": no checkpoint to export\n"));

    Path full = Files.createDirectories(out.resolve("full"));
    Files.writeString(full.resolve("keep.txt"), "mine");
    assertThat(gen4j("export", "--run", run.toString(), "--out", full.toString()))
        .isEqualTo(new Outcome(2, "", "gen4j: " + full.toAbsolutePath()
            + " is not empty; export with replace (gen4j export --force) to replace it\n"));

    assertThat(gen4j("sample", "--run", run.toString(), "--format", "jpeg", "--out", out.resolve("x.jpg").toString()))
        .isEqualTo(new Outcome(2, "", "gen4j: unknown sample format 'jpeg'; expected one of grid, pngs, npy\n"));
    assertThat(gen4j("sample", "--run", run.toString(), "--out", out.resolve("x.jpg").toString()).err())
        .isEqualTo("gen4j: cannot tell the sample format from " + out.resolve("x.jpg") + ": expected a .png file (grid), "
            + "a .npy file (npy) or a directory (pngs); or name the format (grid, pngs, npy)\n");
    assertThat(gen4j("sample", "--model", missing.toString(), "--out", out.resolve("x.png").toString()))
        .isEqualTo(new Outcome(2, "", "gen4j: " + missing + ": not a gen4j export (no gen4j-export.json)\n"));
  }

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
  }
}
