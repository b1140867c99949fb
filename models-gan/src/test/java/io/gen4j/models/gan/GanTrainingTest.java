package io.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real training run of the vanilla GAN on a slice of MNIST. */
class GanTrainingTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String model) {
    return gen4j.configLoader().parse("""
        {"name": "gan-smoke", "seed": 3,
         "model": %s,
         "data": {"batchSize": 32, "limit": 640},
         "training": {"steps": 30, "logInterval": 5, "sampleInterval": 10, "checkpointInterval": 10},
         "output": {"runsDirectory": "%s"}}
        """.formatted(model, runs.toString().replace("\\", "/")), "smoke.json");
  }

  @Test
  void shortRunKeepsLossesFiniteAndWritesTheRunDirectory(@TempDir Path runs) throws Exception {
    String model = "{\"type\": \"gan\", \"latentSize\": 32, \"generatorLayers\": [64, 128], \"discriminatorLayers\": [128, 64]}";
    TrainingResult result = gen4j.experiments().train(config(runs, model), List.of());

    Path run = result.runDirectory();
    assertThat(run.getFileName().toString()).startsWith("gan-smoke-");
    assertThat(result.steps()).isEqualTo(30);
    assertThat(run.resolve("config.json")).isRegularFile();
    assertThat(run.resolve("provenance.json")).isRegularFile();
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .filter(line -> !line.contains("\"warning\""))
        .toList();
    assertThat(lines).hasSize(6);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode metrics = json.readTree(line);
      for (String series : List.of("d_loss", "g_loss", "d_real", "d_fake")) {
        assertThat(metrics.has(series)).as(series).isTrue();
        assertThat(Double.isFinite(metrics.get(series).asDouble())).as(series).isTrue();
      }
    }
    assertThat(json.readTree(lines.get(5)).get("step").asLong()).isEqualTo(30);
    assertThat(run.resolve("samples/step-00000010.png")).isRegularFile();
    assertThat(run.resolve("samples/step-00000020.png")).isRegularFile();
    assertThat(run.resolve("samples/final.png")).isRegularFile();
    try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
      assertThat(checkpoints.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("step-00000010", "step-00000020", "step-00000030");
    }

    ImageBatch samples = gen4j.experiments().sample(run, 5, 3);
    assertThat(samples.count()).isEqualTo(5);
    assertThat(io.gen4j.testing.FloatArrays.min(samples.toArray())).isGreaterThanOrEqualTo(0f);
    assertThat(io.gen4j.testing.FloatArrays.max(samples.toArray())).isLessThanOrEqualTo(1f);
    assertThat(gen4j.experiments().sample(run, 5, 3).toArray()).containsExactly(samples.toArray());
  }

  @Test
  void minimaxLossTrainsToo(@TempDir Path runs) {
    String model = "{\"type\": \"gan\", \"latentSize\": 16, \"generatorLayers\": [32], \"discriminatorLayers\": [32], \"loss\": \"minimax\"}";
    TrainingResult result = gen4j.experiments().train(config(runs, model), List.of());
    assertThat(result.lastMetrics().get("g_loss")).isFinite();
  }

  @Test
  void lossAndConstraintMistakesAreConfigErrors(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"type\": \"gan\", \"loss\": \"wasserstein\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.constraint: the wasserstein loss needs a Lipschitz constraint:"
            + " gradient-penalty or weight-clipping");
    assertThatThrownBy(() -> config(runs, "{\"type\": \"gan\", \"constraint\": \"weight-clipping\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.constraint: weight-clipping constrains a Wasserstein critic; it needs loss"
            + " wasserstein, got non-saturating");
    assertThatThrownBy(() -> config(runs, "{\"type\": \"wgan\", \"loss\": \"hinge\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.constraint: gradient-penalty constrains a Wasserstein critic; it needs loss"
            + " wasserstein, got hinge");
    assertThatThrownBy(() -> config(runs, "{\"type\": \"gan\", \"loss\": \"nonsaturating\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.loss: expected one of minimax, non-saturating, wasserstein, hinge, least-squares, got the string \"nonsaturating\"");
  }
}
