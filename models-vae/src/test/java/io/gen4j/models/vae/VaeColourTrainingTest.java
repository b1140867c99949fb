package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.testing.ColourImages;
import io.gen4j.testing.InMemoryRuns;
import io.gen4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short real runs of colour VAEs with each continuous likelihood on 32x32 RGB discs: they learn, report
 * their held-out negative ELBO in bits per dimension under their protocol, and draw colour samples.
 */
class VaeColourTrainingTest {

  private static final int DIMENSIONS = 32 * 32 * 3;

  private final Gen4j gen4j = Gen4j.create();
  private final ObjectMapper json = new ObjectMapper();

  private List<JsonNode> train(Path runs, String likelihood) throws Exception {
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "vae-colour", "seed": 6,
         "model": {"type": "vae", "latentSize": 8, "encoder": "conv", "convFilters": [8, 16], "hiddenLayers": [64],
                   "likelihood": "%s", "binarize": "none"},
         "data": {"batchSize": 32},
         "training": {"steps": 80, "logInterval": 10, "sampleInterval": 40, "checkpointInterval": 80,
                      "evaluationInterval": 40,
                      "optimizers": {"vae": {"type": "adam", "learningRate": 0.002}}},
         "output": {"runsDirectory": "%s"}}
        """.formatted(likelihood, runs.toString().replace("\\", "/")), "vae-colour.json");
    ImageDataset train = ColourImages.discs("discs-train", 640, 32, 32, 11);
    ImageDataset test = ColourImages.discs("discs-test", 150, 32, 32, 12);
    TrainingResult result = InMemoryRuns.train(gen4j, config, train, test);
    BufferedImage grid = ImageIO.read(result.runDirectory().resolve("samples/final.png").toFile());
    assertThat(ColourImages.hasColour(grid)).as("final grid in colour").isTrue();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(result.runDirectory().resolve("metrics.jsonl"))) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  @Test
  void discretizedLogisticVaeLearnsAndReportsBitsPerDimension(@TempDir Path runs) throws Exception {
    assertLearnsAndReportsBits(train(runs, "discretized-logistic"), "8-bit levels, discretized logistic decoder");
  }

  @Test
  void gaussianVaeLearnsAndReportsBitsPerDimension(@TempDir Path runs) throws Exception {
    assertLearnsAndReportsBits(train(runs, "gaussian"), "8-bit levels, uniform dequantization, Gaussian decoder");
  }

  private static void assertLearnsAndReportsBits(List<JsonNode> lines, String protocol) {
    List<JsonNode> steps = lines.stream().filter(line -> line.has("negative_elbo") && !line.has("evaluation")).toList();
    assertThat(steps).hasSize(8);
    for (JsonNode line : steps) {
      assertThat(line.get("bits_per_dim").asDouble())
          .isCloseTo(line.get("negative_elbo").asDouble() / (DIMENSIONS * Math.log(2)), within(1e-3));
    }
    double first = steps.get(0).get("bits_per_dim").asDouble();
    double last = steps.get(7).get("bits_per_dim").asDouble();
    // an untrained decoder spreads its mass over all 256 levels (8 bits a value or more)
    assertThat(first).isGreaterThan(5.0);
    assertThat(last).as("bits/dim at step 80 against steps 1-10 (%s)", first).isLessThan(0.9 * first);

    List<JsonNode> evaluations = lines.stream().filter(line -> line.has("evaluation")).toList();
    assertThat(evaluations).extracting(line -> line.get("step").asLong()).containsExactly(40L, 80L);
    for (JsonNode line : evaluations) {
      assertThat(line.get("evaluation").asText()).isEqualTo("discs-test");
      assertThat(line.get("images").asInt()).isEqualTo(150);
      assertThat(line.get("protocol").asText()).isEqualTo(protocol);
      assertThat(line.get("bits_per_dim").asDouble())
          .isCloseTo(line.get("negative_elbo").asDouble() / (DIMENSIONS * Math.log(2)), within(1e-3))
          .isBetween(0.0, 12.0);
    }
  }
}
