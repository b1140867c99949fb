package io.gen4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.export.ImageGrid;
import io.gen4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start: it trains, writes a run directory and saves an 8x8 grid of samples. */
class QuickStartTest {

  @Test
  void trainsAndSavesASampleGrid(@TempDir Path work) throws Exception {
    Path grid = work.resolve("grid.png");
    TrainingResult result = QuickStart.train(20, work.resolve("runs"), grid);

    assertThat(result.steps()).isEqualTo(20);
    assertThat(result.runDirectory().getParent()).isEqualTo(work.resolve("runs"));
    assertThat(result.runDirectory().resolve("index.html")).isRegularFile();
    BufferedImage image = ImageIO.read(grid.toFile());
    int side = 8 * 28 * 2 + 9 * ImageGrid.PADDING;
    assertThat(image.getWidth()).isBetween(8 * 28 * 2, side);
    assertThat(image.getHeight()).isEqualTo(image.getWidth());
  }

  @Test
  void theReadmeShowsThisClassAsItIs() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source = Files.readString(Path.of("src/main/java/io/gen4j/examples/QuickStart.java"));
    assertThat(readme).as("README.md's quick start is examples/src/main/java/io/gen4j/examples/QuickStart.java")
        .contains("```java\n" + source + "```\n");
  }
}
