package io.gen4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real DCGAN run on a slice of MNIST, and its config errors. */
class DcganTrainingTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String model) {
    return gen4j.configLoader().parse("""
        {"name": "dcgan-smoke", "seed": 9, "model": %s,
         "data": {"batchSize": 16, "limit": 320},
         "training": {"steps": 10, "logInterval": 5, "sampleInterval": 5, "checkpointInterval": 5},
         "output": {"runsDirectory": "%s"}}
        """.formatted(model, runs.toString().replace("\\", "/")), "dcgan.json");
  }

  @Test
  void shortRunKeepsLossesFiniteAndSamplesDeterministically(@TempDir Path runs) throws Exception {
    TrainingResult result = gen4j.experiments().train(config(runs,
        "{\"type\": \"dcgan\", \"latentSize\": 16, \"generatorFilters\": [16, 8, 4], \"discriminatorFilters\": [4, 8],"
            + " \"kernelSize\": 3, \"ema\": {\"decay\": 0.9}}"), List.of());
    assertThat(result.lastMetrics()).containsKeys("d_loss", "g_loss", "d_real", "d_fake");
    result.lastMetrics().values().forEach(value -> assertThat(value).isFinite());
    assertThat(Files.readAllLines(result.runDirectory().resolve("metrics.jsonl")))
        .filteredOn(line -> !line.contains("\"warning\""))
        .hasSize(2);
    assertThat(result.runDirectory().resolve("samples/final.png")).isRegularFile();
    float[] first = gen4j.experiments().sample(result.runDirectory(), 4, 1).toArray();
    assertThat(gen4j.experiments().sample(result.runDirectory(), 4, 1).toArray()).containsExactly(first);
  }

  @Test
  void unknownLossAndMisplacedConstraintAreConfigErrors(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"type\": \"dcgan\", \"loss\": \"relativistic\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("dcgan.json: $.model.loss: expected one of minimax, non-saturating, wasserstein, hinge, least-squares,"
            + " got the string \"relativistic\"");
    assertThatThrownBy(() -> config(runs, "{\"type\": \"dcgan\", \"loss\": \"hinge\", \"constraint\": \"gradient-penalty\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("dcgan.json: $.model.constraint: gradient-penalty constrains a Wasserstein critic; it needs loss"
            + " wasserstein, got hinge");
    assertThatThrownBy(() -> config(runs, "{\"type\": \"dcgan\", \"generatorFilters\": []}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("dcgan.json: $.model.generatorFilters: must list at least one channel count");
  }
}
