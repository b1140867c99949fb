package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.Gen4jDirectories;
import io.gen4j.data.LoadedDataset;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run on a folder of the user's own colour images: the run trains, samples and scores on the
 * folder's shape, and its provenance records the dataset's type, checksum, shape and held-out split.
 */
class OwnDatasetTrainingTest {

  @TempDir static Path directory;

  @BeforeAll
  static void directories() {
    System.setProperty(Gen4jDirectories.HOME_PROPERTY, directory.resolve("home").toString());
  }

  @AfterAll
  static void clear() {
    System.clearProperty(Gen4jDirectories.HOME_PROPERTY);
  }

  @Test
  void trainsOnAFolderOfColourImagesAndRecordsWhatItTrainedOn() throws IOException {
    Path folder = Files.createDirectories(directory.resolve("tiles"));
    SplittableRandom random = new SplittableRandom(5);
    for (int index = 0; index < 40; index++) {
      BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 6; x++) {
          image.setRGB(x, y, random.nextInt(1 << 24));
        }
      }
      ImageIO.write(image, "png", folder.resolve(String.format("tile-%02d.png", index)).toFile());
    }
    Gen4j gen4j = Gen4j.create();
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "tiles", "seed": 3,
         "model": {"type": "tiny-gan", "latentSize": 4, "hidden": 8},
         "data": {"type": "folder", "path": "%s", "height": 4, "width": 4, "batchSize": 8},
         "training": {"steps": 3, "logInterval": 1, "sampleInterval": 3, "checkpointInterval": 3},
         "output": {"runsDirectory": "%s"}}
        """.formatted(folder.toString().replace("\\", "/"), directory.resolve("runs").toString().replace("\\", "/")),
        "tiles.json");

    Path run = gen4j.experiments().train(config, List.of()).runDirectory();

    LoadedDataset data = gen4j.experiments().runDataset(run);
    assertThat(data.heldOut()).isTrue();
    assertThat(data.test().count()).isEqualTo(4);
    assertThat(data.train().count()).isEqualTo(36);
    JsonNode provenance = JsonMapper.builder().build().readTree(run.resolve("provenance.json").toFile());
    assertThat(provenance.path("datasetType").asText()).isEqualTo("folder");
    assertThat(provenance.path("dataset").asText()).isEqualTo("folder-tiles-train");
    assertThat(provenance.path("datasetChecksum").asText()).isEqualTo(data.checksum());
    assertThat(provenance.path("imageShape").path("channels").asInt()).isEqualTo(3);
    assertThat(provenance.path("testSplit").asText()).isEqualTo("folder-tiles-heldout");
    assertThat(provenance.path("testHeldOut").asBoolean()).isTrue();
    assertThat(gen4j.experiments().imageShape(run)).isEqualTo(new ImageShape(4, 4, 3));
    ImageBatch samples = gen4j.experiments().sample(run, 5, 1);
    assertThat(samples.shape()).isEqualTo(new ImageShape(4, 4, 3));
    assertThat(samples.count()).isEqualTo(5);
    assertThat(directory.resolve("home").resolve("cache").resolve("datasets")).isDirectoryContaining(
        path -> path.getFileName().toString().startsWith("folder-tiles-"));
  }
}
