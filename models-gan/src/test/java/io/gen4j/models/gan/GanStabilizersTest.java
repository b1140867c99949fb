package io.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spectral normalization and the R1/R2 penalties in a short real run, and their config errors. */
class GanStabilizersTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String stabilizers) {
    return gen4j.configLoader().parse("""
        {"name": "stabilized", "seed": 3,
         "model": {"type": "gan", "latentSize": 16, "generatorLayers": [32, 64], "discriminatorLayers": [64, 32],
                   "stabilizers": %s},
         "data": {"batchSize": 16, "limit": 320},
         "training": {"steps": 12, "logInterval": 4, "sampleInterval": 12, "checkpointInterval": 12},
         "output": {"runsDirectory": "%s"}}
        """.formatted(stabilizers, runs.toString().replace("\\", "/")), "stabilized.json");
  }

  @Test
  void aShortRunWithEveryStabilizerStaysFiniteAndLogsThePenalties(@TempDir Path runs) throws Exception {
    ExperimentConfig experiment =
        config(runs, "{\"spectralNorm\": [\"generator\", \"discriminator\"], \"r1Weight\": 10, \"r2Weight\": 1}");
    TrainingResult result = gen4j.experiments().train(experiment, List.of());

    List<String> lines = Files.readAllLines(result.runDirectory().resolve("metrics.jsonl")).stream()
        .filter(line -> !line.contains("\"warning\""))
        .toList();
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode metrics = json.readTree(line);
      for (String series : List.of("d_loss", "g_loss", "r1_penalty", "r2_penalty")) {
        assertThat(metrics.has(series)).as(series).isTrue();
        assertThat(Double.isFinite(metrics.get(series).asDouble())).as(series).isTrue();
      }
      assertThat(metrics.get("r1_penalty").asDouble()).isPositive();
    }
  }

  @Test
  void anUnknownNetworkIsAConfigErrorNamingTheField(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"spectralNorm\": [\"critic\"]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.spectralNorm: unknown network 'critic'; a GAN's networks are"
            + " generator and discriminator");
  }

  @Test
  void anIntervalWithoutAPenaltyIsAConfigError(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"penaltyInterval\": 4}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.penaltyInterval: spaces the R1/R2 penalties, but both are off");
  }

  @Test
  void aNegativeWeightIsAConfigError(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"r1Weight\": -1}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.r1Weight: must be 0 (off) or more, got -1.0");
  }
}
