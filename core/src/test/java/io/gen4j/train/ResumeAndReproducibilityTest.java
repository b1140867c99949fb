package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted at a checkpoint and resumed ends bit-identical to an uninterrupted one (same data
 * order, noise stream and optimizer state), and the same config and seed give the same run.
 */
class ResumeAndReproducibilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gen4j gen4j = Gen4j.create();

  static String config(Path runs, long steps, int checkpointInterval, String name) {
    return """
        {"name": "%s", "seed": 11, "model": {"type": "tiny-gan", "hidden": 24},
         "data": {"batchSize": 16, "limit": 400},
         "training": {"steps": %d, "logInterval": 5, "sampleInterval": 20, "checkpointInterval": %d},
         "output": {"runsDirectory": "%s"}}
        """.formatted(name, steps, checkpointInterval, runs.toString().replace("\\", "/"));
  }

  private ExperimentConfig parse(String json) {
    return gen4j.configLoader().parse(json, "test.json");
  }

  /** The metrics without timings, which differ between runs. */
  static List<JsonNode> metricsWithoutTimings(Path run) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      ObjectNode node = (ObjectNode) JSON.readTree(line);
      node.remove("images_per_second");
      lines.add(node);
    }
    return lines;
  }

  static byte[] finalVariables(Path run, long step) throws Exception {
    return Files.readAllBytes(run.resolve(String.format("checkpoints/step-%08d/variables.data-00000-of-00001", step)));
  }

  @Test
  void resumingFromAMidRunCheckpointEndsWithTheSameWeightsAsAnUninterruptedRun(@TempDir Path runs) throws Exception {
    TrainingResult uninterrupted = gen4j.experiments().train(parse(config(runs, 60, 30, "whole")), List.of());

    TrainingListener crashAfterFirstCheckpoint = new TrainingListener() {
      @Override
      public void onCheckpoint(CheckpointSaved event) {
        throw new IllegalStateException("simulated crash after step " + event.step());
      }
    };
    assertThatThrownBy(() -> gen4j.experiments().train(parse(config(runs, 60, 30, "interrupted")),
        List.of(crashAfterFirstCheckpoint))).hasMessage("simulated crash after step 30");
    Path interrupted;
    try (var entries = Files.list(runs)) {
      interrupted = entries.filter(path -> path.getFileName().toString().startsWith("interrupted-")).findFirst().orElseThrow();
    }
    TrainingResult resumed = gen4j.experiments().resume(interrupted, List.of());

    assertThat(resumed.steps()).isEqualTo(60);
    assertThat(finalVariables(interrupted, 60)).isEqualTo(finalVariables(uninterrupted.runDirectory(), 60));
    assertThat(metricsWithoutTimings(interrupted)).isEqualTo(metricsWithoutTimings(uninterrupted.runDirectory()));
  }

  @Test
  void theSameConfigAndSeedGiveTheSameRun(@TempDir Path runs) throws Exception {
    TrainingResult first = gen4j.experiments().train(parse(config(runs, 30, 30, "first")), List.of());
    TrainingResult second = gen4j.experiments().train(parse(config(runs, 30, 30, "second")), List.of());
    assertThat(metricsWithoutTimings(second.runDirectory())).isEqualTo(metricsWithoutTimings(first.runDirectory()));
    assertThat(finalVariables(second.runDirectory(), 30)).isEqualTo(finalVariables(first.runDirectory(), 30));
    assertThat(metricsWithoutTimings(first.runDirectory()).get(0).has("generator_grad_norm")).isTrue();
    assertThat(metricsWithoutTimings(first.runDirectory()).get(0).has("discriminator_grad_norm")).isTrue();
  }
}
