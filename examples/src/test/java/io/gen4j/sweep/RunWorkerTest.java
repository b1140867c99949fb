package io.gen4j.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.eval.FeatureNetworkCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's worker on a VAE, in this process: it trains the prepared run, evaluates it, estimates its
 * likelihood as the sweep asks, and the summary shows the ELBO and NLL columns; run again, it does
 * nothing more.
 */
class RunWorkerTest {

  @TempDir Path directory;

  private String previousCache;

  @AfterEach
  void restoreTheCache() {
    if (previousCache == null) {
      System.clearProperty(FeatureNetworkCache.DIRECTORY_PROPERTY);
    } else {
      System.setProperty(FeatureNetworkCache.DIRECTORY_PROPERTY, previousCache);
    }
  }

  @Test
  void aVaeRunIsTrainedEvaluatedAndGetsItsLikelihoodEstimate() throws Exception {
    previousCache = System.getProperty(FeatureNetworkCache.DIRECTORY_PROPERTY);
    System.setProperty(FeatureNetworkCache.DIRECTORY_PROPERTY, directory.resolve("cache").toString());
    Path sweepFile = directory.resolve("vae.json");
    Files.writeString(sweepFile, """
        {"name": "vae", "base": {"model": {"type": "vae", "latentSize": 2, "hiddenLayers": [16]},
                                 "data": {"batchSize": 32, "limit": 320},
                                 "training": {"steps": 20, "logInterval": 10, "sampleInterval": 20,
                                              "checkpointInterval": 20, "evaluationInterval": 20}},
         "seeds": [1], "metric": "mnist-test negative_elbo",
         "eval": {"samples": 100, "testImages": 300, "kidSubsets": 5, "kidSubsetSize": 50,
                  "nllSamples": 5, "nllImages": 50,
                  "featureNetwork": {"epochs": 1, "fineTuningEpochs": 0, "limit": 1000}}}
        """);
    Gen4j gen4j = Gen4j.create();
    SweepPlan plan = new SweepPlanner(gen4j.configLoader(), gen4j.catalog()).plan(SweepDefinition.read(sweepFile));
    SweepDirectory sweep = SweepDirectory.prepare(directory.resolve("runs"), plan, gen4j.configLoader());
    Path run = sweep.run("s1");
    SweepEvaluation evaluation = plan.definition().evaluation();

    new RunWorker(gen4j).run(run, new ThreadsConfig(1, 1), evaluation);

    RunResult result = RunResult.read(run, evaluation);
    assertThat(result.state()).isEqualTo(RunResult.State.FINISHED);
    assertThat(result.metrics()).containsKeys("fid", "kid_x1000", "inception_score", "precision", "recall",
        "class_kl", "nll", "mnist-test negative_elbo", "training_seconds", "images_per_second");
    RunRecord record = RunRecord.read(run);
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.threads()).isEqualTo(new ThreadsConfig(1, 1));
    assertThat(record.evaluated()).isEqualTo(evaluation);
    assertThat(record.nll().samples()).isEqualTo(5);
    assertThat(record.nll().images()).isEqualTo(50);
    // The importance-weighted bound is at most the ELBO's value on the same images, up to sampling noise.
    assertThat(record.nll().value()).isPositive().isLessThan(result.metrics().get("mnist-test negative_elbo") * 1.5);

    SweepSummary summary = SweepSummary.of(sweep.index(), Map.of("s1", result));
    assertThat(summary.columns()).extracting(SummaryMetric::id).containsSubsequence(
        "fid", "nll", "mnist-test negative_elbo", "training_seconds", "images_per_second");
    assertThat(summary.metric().id()).isEqualTo("mnist-test negative_elbo");

    String evalJson = Files.readString(run.resolve("eval.json"));
    new RunWorker(gen4j).run(run, new ThreadsConfig(1, 1), evaluation);
    assertThat(Files.readString(run.resolve("eval.json"))).isEqualTo(evalJson); // finished: nothing redone
    assertThat(RunRecord.read(run).attempts()).isEqualTo(1);
  }
}
