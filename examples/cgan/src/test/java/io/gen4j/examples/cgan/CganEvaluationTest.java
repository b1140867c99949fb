package io.gen4j.examples.cgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.Gen4j;
import io.gen4j.data.BundledMnist;
import io.gen4j.eval.ClassifierTraining;
import io.gen4j.eval.ConditionalMetrics;
import io.gen4j.eval.EvaluationDataset;
import io.gen4j.eval.EvaluationReport;
import io.gen4j.eval.EvaluationSettings;
import io.gen4j.eval.EvaluationTable;
import io.gen4j.eval.FeatureNetworkCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen4j eval} of a conditional run (what {@code ./gen4j eval --run} does, through the library on an
 * MNIST slice with a feature network trained for a few steps): the feature network's accuracy on the
 * requested labels and the FID of each class, in the table and in {@code eval.json}.
 */
class CganEvaluationTest {

  @TempDir Path directory;

  @Test
  void aConditionalRunAlsoGetsItsAccuracyOnTheRequestedLabelsAndPerClassFid() throws Exception {
    Gen4j gen4j = Gen4j.create();
    Path run = gen4j.experiments().train(gen4j.configLoader().parse("""
        {"name": "cgan-eval", "seed": 6,
         "model": {"type": "cgan", "latentSize": 8, "labelEmbeddingSize": 4, "generatorFilters": [8, 4],
                   "discriminatorFilters": [4, 8], "kernelSize": 3},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 2, "logInterval": 1, "sampleInterval": 2, "checkpointInterval": 2},
         "output": {"runsDirectory": "%s"}}
        """.formatted(directory.resolve("runs").toString().replace("\\", "/")), "cgan-eval.json"), List.of())
        .runDirectory();
    EvaluationDataset dataset =
        new EvaluationDataset("mnist", BundledMnist.train().slice(1280), BundledMnist.test().slice(600));
    FeatureNetworkCache cache =
        new FeatureNetworkCache(directory.resolve("cache"), new ClassifierTraining(1, 0, 64, 0.002f, 5, 0));

    EvaluationReport report =
        gen4j.evaluations().evaluateRun(run, dataset, new EvaluationSettings(200, 4, 10, 100, 3), cache);

    ConditionalMetrics conditional = report.conditional().orElseThrow();
    assertThat(conditional.classes()).extracting(ConditionalMetrics.ClassRow::label)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(conditional.classes()).allSatisfy(row -> {
      assertThat(row.samples()).isEqualTo(20);
      assertThat(row.accuracy()).isBetween(0.0, 1.0);
      assertThat(row.fid()).isFinite().isGreaterThanOrEqualTo(0);
    });
    assertThat(conditional.accuracy()).isCloseTo(
        conditional.classes().stream().mapToDouble(ConditionalMetrics.ClassRow::accuracy).average().orElseThrow(),
        within(1e-12));
    assertThat(EvaluationTable.format(report, "model"))
        .contains("conditional: the feature network classifies ", "requested class", "FID vs the class's test images");
    assertThat(Files.readString(run.resolve(EvaluationReport.FILE_NAME))).contains("\"conditional\"", "\"fid\"");
    assertThat(EvaluationReport.read(run.resolve(EvaluationReport.FILE_NAME)).conditional()).contains(conditional);
  }
}
