package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.Gen4jDirectories;
import io.gen4j.export.NpyImages;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colour run end to end from the command line: a folder of RGB pictures is trained on, sampled from
 * the run and from its export, and every output keeps the pictures' shape and their colour.
 */
class ColourFolderCommandsTest {

  private static final int SIDE = 16;

  private static final String CACHE_PROPERTY = "gen4j.cache";

  @TempDir static Path work;

  private static Path run;

  private record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void train() throws IOException {
    System.setProperty(Gen4jDirectories.HOME_PROPERTY, work.resolve("home").toString());
    System.setProperty(CACHE_PROPERTY, work.resolve("cache").toString());
    Path pictures = Files.createDirectories(work.resolve("pictures"));
    Random random = new Random(3);
    for (int i = 0; i < 48; i++) {
      BufferedImage picture = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
      Graphics2D graphics = picture.createGraphics();
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, SIDE, SIDE);
      graphics.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
      graphics.fillOval(random.nextInt(6), random.nextInt(6), 10, 10);
      graphics.dispose();
      ImageIO.write(picture, "png", pictures.resolve("picture-" + i + ".png").toFile());
    }
    Path config = Files.writeString(work.resolve("colour.json"), """
        {"name": "colour", "seed": 9,
         "model": {"type": "gan", "latentSize": 8, "generatorLayers": [16], "discriminatorLayers": [16]},
         "data": {"type": "folder", "path": "%s", "batchSize": 16},
         "training": {"steps": 4, "logInterval": 2, "sampleInterval": 2, "checkpointInterval": 4}}
        """.formatted(pictures.toString().replace("\\", "/")));
    Outcome trained = gen4j("train", config.toString(), "--runs", work.resolve("runs").toString(), "--no-progress-bar");
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
  }

  @AfterAll
  static void forgetHome() {
    System.clearProperty(Gen4jDirectories.HOME_PROPERTY);
    System.clearProperty(CACHE_PROPERTY);
  }

  @Test
  void theRunsGridsAreColourPicturesOfTheFoldersSize() throws IOException {
    BufferedImage grid = ImageIO.read(run.resolve("samples/final.png").toFile());
    // 64 pictures in 8 columns, drawn at twice their size with 2 pixels of padding
    assertThat(grid.getWidth()).isEqualTo(8 * 2 * SIDE + 9 * 2);
    assertThat(hasColour(grid)).isTrue();
  }

  @Test
  void samplesOfTheRunAndOfItsExportAreColourPicturesOfTheFoldersShape(@TempDir Path out) throws IOException {
    Outcome pngs = gen4j("sample", "--run", run.toString(), "--n", "3", "--format", "pngs", "--out",
        out.resolve("pngs").toString());
    assertThat(pngs.exitCode()).as(pngs.err()).isZero();
    List<Path> files;
    try (Stream<Path> list = Files.list(out.resolve("pngs"))) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(3);
    for (Path file : files) {
      BufferedImage picture = ImageIO.read(file.toFile());
      assertThat(picture.getWidth()).isEqualTo(SIDE);
      assertThat(picture.getRaster().getNumBands()).isEqualTo(3);
    }

    Path export = out.resolve("export");
    Outcome exported = gen4j("export", "--run", run.toString(), "--out", export.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).contains("images float32 [n, 16, 16, 3] in [0, 1]");

    Outcome npy = gen4j("sample", "--model", export.toString(), "--n", "5", "--out", out.resolve("model.npy").toString());
    assertThat(npy.exitCode()).as(npy.err()).isZero();
    ImageBatch fromModel = NpyImages.read(out.resolve("model.npy"));
    assertThat(fromModel.shape()).isEqualTo(new ImageShape(SIDE, SIDE, 3));
    assertThat(fromModel.count()).isEqualTo(5);
    assertThat(gen4j("sample", "--run", run.toString(), "--n", "5", "--out", out.resolve("run.npy").toString()).exitCode())
        .isZero();
    assertThat(fromModel.toArray()).containsExactly(NpyImages.read(out.resolve("run.npy")).toArray());
  }

  @Test
  void theRunIsEvaluatedInRotationFeaturesOfTheFolderAndSaysSo() throws IOException {
    Outcome evaluated = gen4j("eval", "--run", run.toString(), "--n", "32");
    assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
    assertThat(evaluated.out())
        .contains("rotation")
        .contains("not with published (Inception) FIDs");
    assertThat(run.resolve("eval.json")).isRegularFile();
  }

  private static boolean hasColour(BufferedImage image) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        if (Math.abs(red - green) > 20 || Math.abs(green - blue) > 20) {
          return true;
        }
      }
    }
    return false;
  }

  private static Outcome gen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exitCode, out.toString().replace(System.lineSeparator(), "\n"),
        err.toString().replace(System.lineSeparator(), "\n"));
  }
}
