package io.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import io.gen4j.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stabilizer in a short real run and a resumed one, and their config errors. */
class GanStabilizersTest {

  private final Gen4j gen4j = Gen4j.create();

  /** Every stabilizer on, R1/R2 lazy (every 4th critic update); the resume test runs with these. */
  static final String ALL_STABILIZERS =
      "{\"spectralNorm\": [\"generator\", \"discriminator\"], \"r1Weight\": 10, \"r2Weight\": 1, \"penaltyInterval\": 4,"
          + " \"augment\": {\"adaptive\": {\"images\": 2000}}}";

  private ExperimentConfig config(Path runs, String stabilizers) {
    return config(runs, stabilizers, "stabilized", 12, 12);
  }

  private ExperimentConfig config(Path runs, String stabilizers, String name, int steps, int checkpointInterval) {
    return config(runs, stabilizers, name, steps, checkpointInterval, 4);
  }

  private ExperimentConfig config(
      Path runs, String stabilizers, String name, int steps, int checkpointInterval, int logInterval) {
    return gen4j.configLoader().parse("""
        {"name": "%s", "seed": 3,
         "model": {"type": "gan", "latentSize": 16, "generatorLayers": [32, 64], "discriminatorLayers": [64, 32],
                   "stabilizers": %s},
         "data": {"batchSize": 16, "limit": 320},
         "training": {"steps": %d, "logInterval": %d, "sampleInterval": 12, "checkpointInterval": %d},
         "output": {"runsDirectory": "%s"}}
        """.formatted(name, stabilizers, steps, logInterval, checkpointInterval, runs.toString().replace("\\", "/")),
        "stabilized.json");
  }

  @Test
  void aShortRunWithEveryStabilizerStaysFiniteAndLogsThePenalties(@TempDir Path runs) throws Exception {
    ExperimentConfig experiment = config(runs, ALL_STABILIZERS);
    TrainingResult result = gen4j.experiments().train(experiment, List.of());

    List<String> lines = Files.readAllLines(result.runDirectory().resolve("metrics.jsonl")).stream()
        .filter(line -> !line.contains("\"warning\""))
        .toList();
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode metrics = json.readTree(line);
      for (String series : List.of("d_loss", "g_loss", "r1_penalty", "r2_penalty", "augment_p")) {
        assertThat(metrics.has(series)).as(series).isTrue();
        assertThat(Double.isFinite(metrics.get(series).asDouble())).as(series).isTrue();
      }
      assertThat(metrics.get("r1_penalty").asDouble()).isPositive();
      assertThat(metrics.get("augment_p").asDouble()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void adaLogsTheProbabilityEachUpdateUsedWhichThenMovesByOneStep(@TempDir Path runs) throws Exception {
    ExperimentConfig experiment = config(
        runs, "{\"augment\": {\"probability\": 0.5, \"adaptive\": {\"images\": 2000}}}", "ada", 4, 4, 1);
    TrainingResult result = gen4j.experiments().train(experiment, List.of());

    ObjectMapper json = new ObjectMapper();
    List<Double> logged = Files.readAllLines(result.runDirectory().resolve("metrics.jsonl")).stream()
        .filter(line -> line.contains("\"augment_p\""))
        .map(line -> readTree(json, line).get("augment_p").asDouble())
        .toList();
    assertThat(logged).hasSize(4);
    // the first update used the starting p, not the p it left behind
    assertThat(logged.get(0)).isEqualTo(0.5);
    // each later update used the p the one before left: one step of batch / images = 16 / 2000 away
    for (int i = 1; i < logged.size(); i++) {
      assertThat(Math.abs(logged.get(i) - logged.get(i - 1))).as("move %d", i).isCloseTo(0.008, within(1e-6));
    }
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aRunResumedWithEveryStabilizerEndsBitIdenticalToAnUninterruptedOne(@TempDir Path runs) throws Exception {
    TrainingResult whole = gen4j.experiments().train(config(runs, ALL_STABILIZERS, "whole", 12, 6), List.of());
    TrainingListener crashAtFirstCheckpoint = new TrainingListener() {
      @Override
      public void onCheckpoint(CheckpointSaved event) {
        throw new IllegalStateException("simulated crash after step " + event.step());
      }
    };
    assertThatThrownBy(() -> gen4j.experiments().train(
        config(runs, ALL_STABILIZERS, "interrupted", 12, 6), List.of(crashAtFirstCheckpoint)))
        .hasMessage("simulated crash after step 6");
    Path interrupted;
    try (Stream<Path> entries = Files.list(runs)) {
      interrupted = entries.filter(path -> path.getFileName().toString().startsWith("interrupted-")).findFirst().orElseThrow();
    }
    gen4j.experiments().resume(interrupted, List.of());
    // The checkpoint holds every variable: weights, optimizer slots and the spectral-norm vectors.
    assertThat(variables(interrupted, 12)).isEqualTo(variables(whole.runDirectory(), 12));
  }

  private static byte[] variables(Path run, long step) throws Exception {
    return Files.readAllBytes(run.resolve(String.format("checkpoints/step-%08d/variables.data-00000-of-00001", step)));
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
  void anEmptyAugmentationPolicyIsAConfigError(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"augment\": {\"policy\": []}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.augment.policy: lists no augmentation; use any of color,"
            + " translation, cutout");
  }

  @Test
  void anUnknownAugmentationIsAConfigError(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"augment\": {\"policy\": [\"flip\"]}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.augment.policy[0]")
        .hasMessageContaining("flip");
  }

  @Test
  void aNegativeWeightIsAConfigError(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"r1Weight\": -1}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.stabilizers.r1Weight: must be 0 (off) or more, got -1.0");
  }
}
