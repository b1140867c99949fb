package io.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real WGAN runs on a slice of MNIST. */
class WganTrainingTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String model) {
    return gen4j.configLoader().parse("""
        {"name": "wgan-smoke", "seed": 5,
         "model": %s,
         "data": {"batchSize": 32, "limit": 640},
         "training": {"steps": 12, "logInterval": 4, "sampleInterval": 6, "checkpointInterval": 6}}
        """.formatted(model).replace("}}\n", "}, \"output\": {\"runsDirectory\": \"" + runs.toString().replace("\\", "/") + "\"}}\n"),
        "wgan.json");
  }

  private static List<JsonNode> metrics(TrainingResult result) throws Exception {
    ObjectMapper json = new ObjectMapper();
    return Files.readAllLines(result.runDirectory().resolve("metrics.jsonl")).stream()
        .map(line -> {
          try {
            return json.readTree(line);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  @Test
  void gradientPenaltyRunLogsWassersteinEstimateAndPenalty(@TempDir Path runs) throws Exception {
    ExperimentConfig config = config(runs,
        "{\"type\": \"wgan\", \"latentSize\": 16, \"generatorLayers\": [32, 64], \"discriminatorLayers\": [64, 32]}");
    assertThat(config.training().optimizers().get("discriminator"))
        .isEqualTo(new OptimizerConfig.Adam(1e-4f, 0.5f, 0.9f, 1e-7f));
    TrainingResult result = gen4j.experiments().train(config, List.of());
    List<JsonNode> lines = metrics(result);
    assertThat(lines).hasSize(3);
    for (JsonNode line : lines) {
      for (String series : List.of("d_loss", "g_loss", "wasserstein_estimate", "gradient_penalty", "critic_real", "critic_fake")) {
        assertThat(line.has(series)).as(series).isTrue();
        assertThat(Double.isFinite(line.get(series).asDouble())).as(series).isTrue();
      }
    }
    // 5 critic updates per step, each on its own batch: 12 steps * 5 * 32 images
    assertThat(lines.get(2).get("epoch").asLong()).isEqualTo(12 * 5 * 32 / 640 - 1);
  }

  @Test
  void weightClippingRunUsesRmsPropAndTrains(@TempDir Path runs) throws Exception {
    ExperimentConfig config = config(runs,
        "{\"type\": \"wgan\", \"constraint\": \"weight-clipping\", \"latentSize\": 16, \"generatorLayers\": [32],"
            + " \"discriminatorLayers\": [32]}");
    assertThat(config.training().optimizers().get("discriminator"))
        .isEqualTo(new OptimizerConfig.RmsProp(5e-5f, 0.9f, 0f, 1e-10f));
    TrainingResult result = gen4j.experiments().train(config, List.of());
    assertThat(metrics(result).get(2).has("gradient_penalty")).isFalse();
    assertThat(result.lastMetrics().get("wasserstein_estimate")).isFinite();
  }
}
