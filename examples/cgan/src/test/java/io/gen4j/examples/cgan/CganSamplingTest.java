package io.gen4j.examples.cgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.export.ExportManifest;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.train.ImageInput;
import io.gen4j.train.ModelAssembly;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short cgan run, found through this module's services file like any plugin: it trains on MNIST's
 * labels, samples by class, and exports with labels as a second input.
 */
class CganSamplingTest {

  @TempDir static Path work;

  private static final Gen4j GEN4J = Gen4j.create();

  private static Path run;

  @BeforeAll
  static void train() {
    ExperimentConfig config = GEN4J.configLoader().parse("""
        {"name": "cgan-test", "seed": 5,
         "model": {"type": "cgan", "latentSize": 8, "labelEmbeddingSize": 4, "generatorFilters": [8, 4],
                   "discriminatorFilters": [4, 8], "kernelSize": 3},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 2, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2},
         "output": {"runsDirectory": "%s"}}
        """.formatted(work.resolve("runs").toString().replace("\\", "/")), "cgan-test.json");
    run = GEN4J.experiments().train(config, List.of()).runDirectory();
  }

  @Test
  void samplesByLabelAndTheLabelChangesTheImage() {
    int[] sevens = new int[4];
    Arrays.fill(sevens, 7);
    int[] zeros = new int[4];
    ImageBatch seven = GEN4J.experiments().sample(run, sevens, 3);
    assertThat(seven.count()).isEqualTo(4);
    assertThat(seven.shape()).isEqualTo(ImageShape.MNIST);
    assertThat(GEN4J.experiments().sample(run, sevens, 3).toArray()).containsExactly(seven.toArray());
    assertThat(GEN4J.experiments().sample(run, zeros, 3).toArray()).isNotEqualTo(seven.toArray());
    assertThat(GEN4J.experiments().sampleClasses(run)).isEqualTo(10);
  }

  @Test
  void aLabelOutsideTheDatasetsClassesIsRefused() {
    assertThatThrownBy(() -> GEN4J.experiments().sample(run, new int[] {3, 10}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 10 is no class of the dataset: labels run from 0 to 9");
  }

  @Test
  void theExportTakesLabelsAsASecondInputAndDrawsWhatTheRunDraws() {
    Path export = work.resolve("export");
    ExportManifest manifest = GEN4J.exporter().export(run, export, true);
    assertThat(manifest.labelsName()).contains("labels");
    assertThat(manifest.classCount()).isEqualTo(10);
    int[] labels = {0, 1, 2, 7, 7, 9};
    try (ExportedGenerator generator = ExportedGenerator.load(export)) {
      assertThat(generator.sample(labels, 11).toArray())
          .containsExactly(GEN4J.experiments().sample(run, labels, 11).toArray());
      assertThatThrownBy(() -> generator.sample(new int[] {12}, 1))
          .hasMessage("label 12 is no class of the export: labels run from 0 to 9");
    }
  }

  @Test
  void anUnlabelledDatasetIsRefused() {
    CganProvider provider = new CganProvider();
    assertThatThrownBy(() -> ModelAssembly.build(provider.create(provider.defaultConfig()), ImageShape.MNIST, 0, 16, 1,
            Map.of(), ImageInput.FED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model uses labels, but the dataset has none");
  }
}
