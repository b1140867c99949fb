package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run with the sampling prior, its resume, its export, and its config errors. */
class VaeSamplingPriorTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig config(Path runs, String prior, String name, int checkpointInterval) {
    return gen4j.configLoader().parse("""
        {"name": "%s", "seed": 3,
         "model": {"type": "vae", "latentSize": 4, "hiddenLayers": [32], "samplingPrior": %s},
         "data": {"batchSize": 16, "limit": 320},
         "training": {"steps": 12, "logInterval": 4, "sampleInterval": 12, "checkpointInterval": %d,
                      "evaluationInterval": 12},
         "output": {"runsDirectory": "%s"}}
        """.formatted(name, prior, checkpointInterval, runs.toString().replace("\\", "/")), "prior.json");
  }

  @Test
  void aRunResumedWithTheSamplingPriorEndsBitIdenticalToAnUninterruptedOne(@TempDir Path runs) throws Exception {
    String prior = "{\"components\": 3, \"decay\": 0.9}";
    TrainingResult whole = gen4j.experiments().train(config(runs, prior, "whole", 6), List.of());
    assertThat(whole.runDirectory().resolve("samples/final.png")).isNotEmptyFile();
    TrainingListener crashAtFirstCheckpoint = new TrainingListener() {
      @Override
      public void onCheckpoint(CheckpointSaved event) {
        throw new IllegalStateException("simulated crash after step " + event.step());
      }
    };
    assertThatThrownBy(() -> gen4j.experiments().train(config(runs, prior, "interrupted", 6),
        List.of(crashAtFirstCheckpoint))).hasMessage("simulated crash after step 6");
    Path interrupted;
    try (Stream<Path> entries = Files.list(runs)) {
      interrupted = entries.filter(path -> path.getFileName().toString().startsWith("interrupted-")).findFirst()
          .orElseThrow();
    }
    gen4j.experiments().resume(interrupted, List.of());
    // the checkpoint holds the prior's running statistics with the weights and the optimizer's slots
    assertThat(variables(interrupted)).isEqualTo(variables(whole.runDirectory()));
  }

  @Test
  void theExportSamplesTheMixtureAsTheRunDoes(@TempDir Path work) throws Exception {
    Path run = gen4j.experiments().train(config(work.resolve("runs"), "{\"components\": 3}", "export", 12), List.of())
        .runDirectory();
    Path out = work.resolve("export");
    gen4j.exporter().export(run, out, false);
    float[] expected = gen4j.experiments().sample(run, 6, 3).toArray();
    try (ExportedGenerator generator = ExportedGenerator.load(out)) {
      assertThat(generator.sample(6, 3).toArray()).containsExactly(expected, within(1e-6f));
    }
  }

  private static byte[] variables(Path run) throws Exception {
    return Files.readAllBytes(run.resolve("checkpoints/step-00000012/variables.data-00000-of-00001"));
  }

  @Test
  void componentsAndDecayOutOfRangeAreConfigErrorsNamingTheField(@TempDir Path runs) {
    assertThatThrownBy(() -> config(runs, "{\"components\": 0}", "x", 6))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.samplingPrior.components: must be in [1, 100], got 0");
    assertThatThrownBy(() -> config(runs, "{\"decay\": 1}", "x", 6))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.model.samplingPrior.decay: must be in (0, 1), e.g. 0.998, got 1.0");
  }
}
