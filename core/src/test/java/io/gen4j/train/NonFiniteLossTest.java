package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NaN loss stops the run naming the step and the series, or rolls back with halved learning rates. */
class NonFiniteLossTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String policy) {
    return gen4j.configLoader().parse("""
        {"name": "nan", "seed": 2, "model": {"type": "tiny-gan", "nanAtStep": 13},
         "data": {"batchSize": 16, "limit": 160},
         "training": {"steps": 30, "logInterval": 5, "sampleInterval": 10, "checkpointInterval": 5,
                      "onNonFiniteLoss": "%s"},
         "output": {"runsDirectory": "%s"}}
        """.formatted(policy, runs.toString().replace("\\", "/")), "nan.json");
  }

  private static Path onlyRun(Path runs) throws Exception {
    try (var entries = Files.list(runs)) {
      return entries.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  @Test
  void stopNamesStepAndSeriesAndKeepsTheLastGoodCheckpoint(@TempDir Path runs) throws Exception {
    assertThatThrownBy(() -> gen4j.experiments().train(config(runs, "stop"), List.of()))
        .isInstanceOf(TrainingException.class)
        .hasMessageStartingWith("step 14: discriminator_loss is NaN; training stopped, the last good checkpoint is ")
        .hasMessageEndingWith("step-00000010");
    Path run = onlyRun(runs);
    Checkpoint last = new Checkpointer(run.resolve("checkpoints"), 3).latest().orElseThrow();
    assertThat(last.state().step()).isEqualTo(10);
    assertThat(gen4j.experiments().sample(run, 2, 1).count()).isEqualTo(2);
  }

  @Test
  void rollbackHalvesTheLearningRatesAndGivesUpAfterThreeTries(@TempDir Path runs) throws Exception {
    assertThatThrownBy(() -> gen4j.experiments().train(config(runs, "rollback"), List.of()))
        .isInstanceOf(TrainingException.class)
        .hasMessageStartingWith("step 14: discriminator_loss is NaN; training stopped after 3 rollbacks, the last good checkpoint is ");
    Path run = onlyRun(runs);
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertThat(lines.stream().filter(line -> line.contains("\"warning\":\"rollback\""))).hasSize(3);
    assertThat(lines.get(lines.size() - 1)).contains("rolled back to step 10 with learning rates scaled by 0.125");
    Checkpoint last = new Checkpointer(run.resolve("checkpoints"), 3).latest().orElseThrow();
    assertThat(last.state().step()).isEqualTo(10);
  }
}
