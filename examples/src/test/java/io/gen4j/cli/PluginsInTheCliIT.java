package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.export.ImageGrid;
import io.gen4j.export.SampleFormat;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugins as a user installs them: the packaged {@code gen4j.jar} copied to a folder of its
 * own, the plugin jars dropped into {@code plugins/} beside it, and {@code java -jar gen4j.jar} run as a
 * separate process, as docs/plugins.md does with {@code ./gen4j} ({@link #DOCUMENTED_COMMANDS}).
 */
class PluginsInTheCliIT {

  /** The commands of docs/plugins.md, in order; DocsTest checks the guide still shows exactly these. */
  static final List<String> DOCUMENTED_COMMANDS = List.of(
      "mvn -B -q package -DskipTests -pl examples/cgan -am",
      "mkdir -p examples/target/plugins",
      "cp examples/cgan/target/gen4j-cgan-0.1.0-SNAPSHOT.jar examples/target/plugins/",
      "./gen4j models",
      "./gen4j train examples/cgan/cgan-mnist.json",
      "./gen4j sample --run runs/cgan-mnist-<time> --label 7 --out sevens.png",
      "./gen4j sample --run runs/cgan-mnist-<time> --label all --out classes.png",
      "./gen4j export --run runs/cgan-mnist-<time> --out exports/cgan",
      "./gen4j sample --model exports/cgan --label 3 --n 16 --out threes.png");

  @TempDir static Path work;

  private static Path cli;
  private static Path marginJar;
  private static Path cganJar;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void install() throws IOException {
    Path gen4jJar = existing("gen4j.jar");
    cli = Files.createDirectories(work.resolve("cli"));
    Files.copy(gen4jJar, cli.resolve("gen4j.jar"));
    Path plugins = Files.createDirectories(cli.resolve("plugins"));
    marginJar = Files.copy(existing("gen4j.plugin.margin"), plugins.resolve(existing("gen4j.plugin.margin").getFileName()));
    cganJar = Files.copy(existing("gen4j.plugin.cgan"), plugins.resolve(existing("gen4j.plugin.cgan").getFileName()));
  }

  @Test
  void theSecondPluginIsListedTrainedAndSampledFromPluginsBesideTheJar() throws Exception {
    Outcome models = gen4j("models");
    assertThat(models.exitCode()).as(models.err()).isZero();
    String row = models.out().lines().filter(line -> line.startsWith("  margin-gan ")).findFirst().orElseThrow();
    assertThat(row).contains(marginJar.getFileName().toString(), "hinge loss of configurable margin");
    assertThat(models.out().lines().filter(line -> line.startsWith("  gan ")).findFirst().orElseThrow())
        .contains(ModelsCommand.BUILT_IN);
    assertThat(models.out()).contains("  cgan ").doesNotContain("Broken plugins");

    Path config = Files.writeString(work.resolve("margin.json"), """
        {"name": "margin", "seed": 3, "model": {"type": "margin-gan", "latentSize": 8, "hiddenWidth": 16, "margin": 0.5},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 3, "logInterval": 1, "sampleInterval": 3, "checkpointInterval": 3}}
        """);
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    Path run = run("margin-");
    assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"d_loss\"", "\"critic_real\"");

    JsonNode plugins = JsonMapper.builder().build().readTree(run.resolve("provenance.json").toFile()).path("plugins");
    JsonNode margin = null;
    for (JsonNode plugin : plugins) {
      if (plugin.path("jar").asText().equals(marginJar.toAbsolutePath().normalize().toString())) {
        margin = plugin;
      }
    }
    assertThat(margin).as("provenance.json's plugins: %s", plugins).isNotNull();
    assertThat(margin.path("artifact").asText()).isEqualTo("io.gen4j.examples:gen4j-margin-gan");
    assertThat(margin.path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(margin.path("sha256").asText()).isEqualTo(sha256(marginJar));
    assertThat(margin.path("models").toString()).isEqualTo("[\"margin-gan\"]");

    Path grid = work.resolve("margin.png");
    Outcome sampled = gen4j("sample", "--run", run.toString(), "--n", "9", "--out", grid.toString());
    assertThat(sampled.exitCode()).as(sampled.err()).isZero();
    assertThat(ImageIO.read(grid.toFile()).getWidth()).isEqualTo(gridOf(9, 3).getWidth());

    Outcome notConditional = gen4j("sample", "--run", run.toString(), "--label", "7", "--out", grid.toString());
    assertThat(notConditional.exitCode()).isEqualTo(2);
    assertThat(notConditional.err()).contains("--label: " + run + " holds a model that is not conditional");
  }

  @Test
  void theConditionalGanSamplesByLabelAndExportsWithLabels() throws Exception {
    Path config = Files.writeString(work.resolve("cgan.json"), """
        {"name": "cgan", "seed": 4,
         "model": {"type": "cgan", "latentSize": 8, "labelEmbeddingSize": 4, "generatorFilters": [8, 4],
                   "discriminatorFilters": [4, 8], "kernelSize": 3},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 2, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2}}
        """);
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    Path run = run("cgan-");

    Outcome sevens = gen4j("sample", "--run", run.toString(), "--label", "7", "--n", "4", "--out",
        work.resolve("sevens.png").toString());
    assertThat(sevens.exitCode()).as(sevens.err()).isZero();
    assertThat(sevens.out()).isEqualTo("wrote 4 samples of class 7 to " + work.resolve("sevens.png") + " (grid)\n");

    Path classes = work.resolve("classes.png");
    Outcome all = gen4j("sample", "--run", run.toString(), "--label", "all", "--n", "3", "--out", classes.toString());
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).isEqualTo("wrote 30 samples, one row of 3 per class (0 to 9), to " + classes + " (grid)\n");
    BufferedImage rows = ImageIO.read(classes.toFile());
    BufferedImage tenRowsOfThree = gridOf(30, 3);
    assertThat(rows.getHeight()).isEqualTo(tenRowsOfThree.getHeight());
    assertThat(rows.getWidth()).isEqualTo(tenRowsOfThree.getWidth());

    Outcome outOfRange = gen4j("sample", "--run", run.toString(), "--label", "10", "--out", classes.toString());
    assertThat(outOfRange.exitCode()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("--label 10: the model's classes run from 0 to 9");

    Path export = work.resolve("exports").resolve("cgan");
    Outcome exported = gen4j("export", "--run", run.toString(), "--out", export.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).contains(
        "latent float32 [n, 8], labels int32 [n] in 0..9 -> images float32 [n, 28, 28, 1] in [0, 1]");
    Outcome threes = gen4j("sample", "--model", export.toString(), "--label", "3", "--n", "16", "--out",
        work.resolve("threes.npy").toString());
    assertThat(threes.exitCode()).as(threes.err()).isZero();
    Outcome fromRun = gen4j("sample", "--run", run.toString(), "--label", "3", "--n", "16", "--out",
        work.resolve("threes-run.npy").toString());
    assertThat(fromRun.exitCode()).as(fromRun.err()).isZero();
    assertThat(Files.readAllBytes(work.resolve("threes.npy"))).isEqualTo(Files.readAllBytes(work.resolve("threes-run.npy")));
  }

  @Test
  void twoVersionsOfOnePluginInPluginsAreFlaggedAndRefusedInOneLine() throws Exception {
    Path other = work.resolve("other-cli");
    Files.createDirectories(other.resolve("plugins"));
    Files.copy(cli.resolve("gen4j.jar"), other.resolve("gen4j.jar"));
    Path first = Files.copy(marginJar, other.resolve("plugins").resolve("gen4j-margin-gan-0.1.0-SNAPSHOT.jar"));
    Path second = Files.copy(marginJar, other.resolve("plugins").resolve("margin-gan-copy.jar"),
        StandardCopyOption.REPLACE_EXISTING);

    Outcome models = run(other, "models");
    assertThat(models.exitCode()).as(models.err()).isZero();
    assertThat(models.out()).contains("Broken plugins", "plugin io.gen4j.examples:gen4j-margin-gan: two versions are on"
        + " the class path: 0.1.0-SNAPSHOT in " + first + " and 0.1.0-SNAPSHOT in " + second + "; remove one of the jars");
    assertThat(models.out()).contains("  gan ");

    Outcome train = run(other, "train", "unused.json");
    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err().strip().lines().toList()).hasSize(1);
    assertThat(train.err()).startsWith("gen4j: " + second + ": plugin io.gen4j.examples:gen4j-margin-gan: two versions");
  }

  /** A grid of {@code count} MNIST images, {@code columns} per row, as {@code gen4j sample} draws it. */
  private static BufferedImage gridOf(int count, int columns) {
    return ImageGrid.render(new ImageBatch(ImageShape.MNIST, count, new float[count * ImageShape.MNIST.size()]), columns,
        SampleFormat.GRID_SCALE);
  }

  private static Path run(String prefix) throws IOException {
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      return runs.filter(path -> path.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  private static Outcome gen4j(String... args) throws IOException, InterruptedException {
    return run(cli, args);
  }

  /** {@code java -jar DIR/gen4j.jar ARGS} in a process of its own, as the launcher runs it. */
  private static Outcome run(Path directory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", directory.resolve("gen4j.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    builder.environment().remove("GEN4J_PLUGINS");
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("gen4j " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8).lines()
        .filter(line -> !line.contains("MLIR V1 optimization pass") && !line.startsWith("WARNING: All log messages before absl"))
        .reduce("", (all, line) -> all + line + "\n");
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s (set by examples/pom.xml)", property).isNotNull();
    Path path = Path.of(value);
    assertThat(path).as("%s; build the whole project first (mvn verify)", property).isRegularFile();
    return path;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
