package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.LearningRateSchedule;
import io.gen4j.graph.Sessions;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning-rate schedules, early stopping and the best checkpoint on real (tiny) runs: the rates the
 * graph computes are the documented ones, a constant schedule changes nothing, a resumed scheduled run
 * ends bit-identical to an uninterrupted one, and the watched metric stops the run or picks the kept
 * checkpoint.
 */
class TrainingControlsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String name, long steps, String training) {
    return gen4j.configLoader().parse("""
        {"name": "%s", "seed": 3, "model": {"type": "tiny-gan", "hidden": 12},
         "data": {"batchSize": 16, "limit": 256},
         "training": {"steps": %d, "logInterval": 1, "sampleInterval": 100, "checkpointInterval": 10 %s},
         "output": {"runsDirectory": "%s"}}
        """.formatted(name, steps, training.isEmpty() ? "" : ", " + training, runs.toString().replace("\\", "/")),
        name + ".json");
  }

  private static List<JsonNode> metricLines(Path run) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode node = JSON.readTree(line);
      if (!node.has("warning") && !node.has("evaluation")) {
        lines.add(node);
      }
    }
    return lines;
  }

  private static List<JsonNode> withoutTimings(List<JsonNode> lines) {
    lines.forEach(line -> ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("images_per_second"));
    return lines;
  }

  @Test
  void scheduledRatesAreTheDocumentedOnesStepByStep(@TempDir Path runs) throws Exception {
    ExperimentConfig config = config(runs, "scheduled", 20, """
        "schedules": {"generator": {"type": "cosine", "warmupSteps": 5, "finalFraction": 0.1},
                      "discriminator": {"type": "linear", "decaySteps": 10}}""");
    Path run = gen4j.experiments().train(config, List.of()).runDirectory();

    float generatorBase = config.training().optimizers().get("generator").learningRate();
    float discriminatorBase = config.training().optimizers().get("discriminator").learningRate();
    LearningRateSchedule cosine = config.training().schedules().get("generator");
    LearningRateSchedule linear = config.training().schedules().get("discriminator");
    List<JsonNode> lines = metricLines(run);
    assertThat(lines).hasSize(20);
    for (JsonNode line : lines) {
      long iteration = line.get("step").asLong() - 1; // the line of step s logs iteration s - 1
      assertThat(line.get("generator_learning_rate").asDouble())
          .as("generator at iteration %d", iteration)
          .isCloseTo(generatorBase * cosine.factor(iteration, 20), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(line.get("discriminator_learning_rate").asDouble())
          .as("discriminator at iteration %d", iteration)
          .isCloseTo(discriminatorBase * linear.factor(iteration, 20), org.assertj.core.data.Offset.offset(1e-9));
    }
    // warm-up from base/5, the cosine's end at a tenth, the linear decay at 0 from iteration 10 on
    assertThat(cosine.factor(0, 20)).isEqualTo(0.2);
    assertThat(cosine.factor(4, 20)).isEqualTo(1.0);
    assertThat(cosine.factor(5, 20)).isEqualTo(1.0);
    assertThat(cosine.factor(20, 20)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(linear.factor(5, 20)).isEqualTo(0.5);
    assertThat(linear.factor(12, 20)).isEqualTo(0.0);
  }

  @Test
  void aConstantScheduleChangesNothingAndAResumedScheduledRunIsBitIdentical(@TempDir Path runs) throws Exception {
    TrainingResult plain = gen4j.experiments().train(config(runs, "plain", 20, ""), List.of());
    TrainingResult constant = gen4j.experiments().train(
        config(runs, "constant", 20, "\"schedules\": {\"generator\": {\"type\": \"constant\"}}"), List.of());
    assertThat(ResumeAndReproducibilityTest.finalVariables(constant.runDirectory(), 20))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(plain.runDirectory(), 20));
    assertThat(withoutTimings(metricLines(constant.runDirectory()))).isEqualTo(withoutTimings(metricLines(plain.runDirectory())));

    String cosine = "\"schedules\": {\"generator\": {\"type\": \"cosine\", \"warmupSteps\": 4}}";
    TrainingResult whole = gen4j.experiments().train(config(runs, "whole", 20, cosine), List.of());
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onCheckpoint(CheckpointSaved event) {
        throw new IllegalStateException("crash after step " + event.step());
      }
    };
    assertThatThrownBy(() -> gen4j.experiments().train(config(runs, "interrupted", 20, cosine), List.of(crash)))
        .hasMessage("crash after step 10");
    Path interrupted;
    try (var entries = Files.list(runs)) {
      interrupted = entries.filter(path -> path.getFileName().toString().startsWith("interrupted-")).findFirst().orElseThrow();
    }
    gen4j.experiments().resume(interrupted, List.of());
    assertThat(ResumeAndReproducibilityTest.finalVariables(interrupted, 20))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(whole.runDirectory(), 20));
    assertThat(ResumeAndReproducibilityTest.finalVariables(whole.runDirectory(), 20))
        .isNotEqualTo(ResumeAndReproducibilityTest.finalVariables(plain.runDirectory(), 20));
  }

  @Test
  void earlyStoppingEndsTheRunLikeItsLastStep(@TempDir Path runs) throws Exception {
    // nothing beats the first value by 1000: the run stops after the first value and 3 more
    TrainingResult result = gen4j.experiments().train(config(runs, "stopped", 50,
        "\"earlyStopping\": {\"metric\": \"discriminator_loss\", \"patience\": 3, \"minDelta\": 1000}"), List.of());

    assertThat(result.steps()).isEqualTo(4);
    Path run = result.runDirectory();
    assertThat(run.resolve("checkpoints/step-00000004")).isDirectory();
    assertThat(run.resolve("samples/final.png")).isRegularFile();
    assertThat(JSON.readTree(Files.readString(run.resolve("status.json"))).get("state").asText()).isEqualTo("finished");
    JsonNode warning = JSON.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .filter(line -> line.contains("\"warning\"")).findFirst().orElseThrow());
    assertThat(warning.get("warning").asText()).isEqualTo(TrainingLoop.EARLY_STOPPING);
    assertThat(warning.get("message").asText()).matches(
        "discriminator_loss has not improved for 3 logged intervals \\(best [0-9.]+ at step 1\\); training stopped at step 4 of 50");
    assertThatThrownBy(() -> gen4j.experiments().resume(run, List.of()))
        .hasMessageContaining("the run has finished (step 4); nothing was changed");
  }

  @Test
  void theBestCheckpointHoldsTheStepWithTheBestValue(@TempDir Path runs) throws Exception {
    TrainingResult result = gen4j.experiments().train(
        config(runs, "best", 12, "\"bestCheckpoint\": {\"metric\": \"generator_loss\", \"mode\": \"min\"}"), List.of());

    JsonNode lowest = metricLines(result.runDirectory()).stream()
        .min(java.util.Comparator.comparingDouble(line -> line.get("generator_loss").asDouble())).orElseThrow();
    long step = lowest.get("step").asLong();
    Path best = result.runDirectory().resolve("checkpoints/best");
    assertThat(best.resolve(String.format("step-%08d", step))).isDirectory();
    try (var entries = Files.list(best)) {
      // the best and, as a fallback, the previous best
      assertThat(entries.filter(Files::isDirectory).count()).isBetween(1L, (long) Checkpointer.MIN_INTACT);
    }
    JsonNode record = JSON.readTree(Files.readString(best.resolve("best.json")));
    assertThat(record.get("metric").asText()).isEqualTo("generator_loss");
    assertThat(record.get("step").asLong()).isEqualTo(step);
    assertThat(record.get("checkpoint").asText()).isEqualTo(String.format("step-%08d", step));
    assertThat(record.get("value").asDouble()).isEqualTo(lowest.get("generator_loss").asDouble());
    // the latest checkpoints are untouched by it
    assertThat(new Checkpointer(result.runDirectory().resolve("checkpoints"), 3).latest().orElseThrow().state().step())
        .isEqualTo(12);
    assertThat(BestCheckpoint.of(result.runDirectory().resolve("checkpoints")).orElseThrow().state().step()).isEqualTo(step);
  }

  @Test
  void aWatchedMetricTheRunDoesNotHaveIsAOneLineError(@TempDir Path runs) {
    assertThatThrownBy(() -> gen4j.experiments().train(
            config(runs, "typo", 5, "\"earlyStopping\": {\"metric\": \"dloss\"}"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("training.earlyStopping.metric: 'dloss' is not a metric of this run; it logs discriminator_grad_norm,"
            + " discriminator_loss, generator_grad_norm, generator_loss");
    assertThatThrownBy(() -> gen4j.experiments().train(
            config(runs, "heldout", 5, "\"bestCheckpoint\": {\"metric\": \"mnist-test negative_elbo\"}"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("training.bestCheckpoint.metric: 'mnist-test negative_elbo' names a held-out score ('<dataset>"
            + " <score>'), but this model scores no held-out split; watch one of its logged metrics instead");
  }

  @Test
  void visibleDevicesReachTheSessionAndTheCpuBuildTrainsWithThem(@TempDir Path runs) {
    ExperimentConfig config = config(runs, "device", 2, "\"visibleDevices\": \"0\"");
    assertThat(Sessions.configProto(config.training()).getGpuOptions().getVisibleDeviceList()).isEqualTo("0");
    assertThat(Sessions.configProto(config(runs, "none", 2, "").training()).hasGpuOptions()).isFalse();
    assertThat(gen4j.experiments().train(config, List.of()).steps()).isEqualTo(2);
  }
}
