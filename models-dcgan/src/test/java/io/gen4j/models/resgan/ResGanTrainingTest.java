package io.gen4j.models.resgan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real resgan run on a slice of MNIST with its default stabilizer and the weight average. */
class ResGanTrainingTest {

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void shortRunKeepsLossesFiniteAndSamples(@TempDir Path runs) throws Exception {
    TrainingResult result = gen4j.experiments().train(gen4j.configLoader().parse("""
        {"name": "resgan-smoke", "seed": 5,
         "model": {"type": "resgan", "latentSize": 16, "generatorChannels": 8, "discriminatorChannels": 8,
                   "ema": {"decay": 0.9}},
         "data": {"batchSize": 16, "limit": 320},
         "training": {"steps": 10, "logInterval": 5, "sampleInterval": 10, "checkpointInterval": 10},
         "output": {"runsDirectory": "%s"}}
        """.formatted(runs.toString().replace("\\", "/")), "resgan.json"), List.of());
    assertThat(result.lastMetrics()).containsKeys("d_loss", "g_loss", "critic_real", "critic_fake");
    result.lastMetrics().values().forEach(value -> assertThat(value).isFinite());
    assertThat(result.runDirectory().resolve("samples/final.png")).isRegularFile();
    float[] first = gen4j.experiments().sample(result.runDirectory(), 4, 1).toArray();
    assertThat(gen4j.experiments().sample(result.runDirectory(), 4, 1).toArray()).containsExactly(first);
  }
}
