package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.data.BundledMnist;
import io.gen4j.export.NpyImages;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a slice: a short run of the test-only {@code tiny-gan} plugin, evaluated against a
 * small MNIST slice with a feature network trained for a few steps in a temporary cache.
 */
class EvaluationsTest {

  private static final EvaluationSettings SETTINGS = new EvaluationSettings(200, 4, 10, 100, 3);

  @TempDir static Path directory;

  private static Gen4j gen4j;
  private static EvaluationDataset dataset;
  private static FeatureNetworkCache cache;
  private static Path run;

  @BeforeAll
  static void trainATinyRun() {
    gen4j = Gen4j.create();
    dataset = new EvaluationDataset("mnist", BundledMnist.train().slice(1280), BundledMnist.test().slice(400));
    cache = new FeatureNetworkCache(directory.resolve("cache"), new ClassifierTraining(1, 0, 64, 0.002f, 5, 0));
    run = gen4j.experiments().train(gen4j.configLoader().parse("""
        {"name": "tiny", "seed": 2, "model": {"type": "tiny-gan"},
         "data": {"batchSize": 32, "limit": 320},
         "training": {"steps": 20, "logInterval": 10, "sampleInterval": 20, "checkpointInterval": 20},
         "output": {"runsDirectory": "%s"}}
        """.formatted(directory.resolve("runs").toString().replace("\\", "/")), "tiny.json"), List.of()).runDirectory();
  }

  private static void assertPlausible(SampleMetrics row, int count) {
    assertThat(row.count()).isEqualTo(count);
    assertThat(row.fid()).isFinite().isGreaterThanOrEqualTo(0);
    assertThat(row.kidMean()).isFinite();
    assertThat(row.kidStandardDeviation()).isFinite().isGreaterThanOrEqualTo(0);
    assertThat(row.inceptionScore()).isBetween(1.0, 10.0);
    assertThat(row.classKlToUniform()).isBetween(0.0, Math.log(10));
    assertThat(Arrays.stream(row.classHistogram()).sum()).isEqualTo(count);
    assertThat(row.precision()).isBetween(0.0, 1.0);
    assertThat(row.recall()).isBetween(0.0, 1.0);
  }

  @Test
  void evaluatesARunOfAPluginModelAndWritesEvalJson() {
    EvaluationReport report = gen4j.evaluations().evaluateRun(run, dataset, SETTINGS, cache);

    assertPlausible(report.model(), 200);
    assertPlausible(report.reference(), 200);
    assertThat(report.model().source()).isEqualTo(run.toString());
    assertThat(report.reference().source()).isEqualTo("mnist-train");
    // 20 steps of a one-layer GAN are far from real digits; real train images are close to the test split.
    assertThat(report.reference().fid()).isLessThan(report.model().fid());
    assertThat(report.reference().precision()).isGreaterThan(report.model().precision());
    assertThat(report.dataset()).isEqualTo("mnist");
    assertThat(report.testImages()).isEqualTo(400);
    assertThat(report.featureNetwork().datasetChecksum())
        .isEqualTo(DatasetChecksum.sha256(dataset.train(), dataset.test()));
    assertThat(report.runMetrics()).isEmpty();

    EvaluationReport written = EvaluationReport.read(run.resolve("eval.json"));
    assertThat(written.model().fid()).isEqualTo(report.model().fid());
    assertThat(written.reference().classHistogram()).containsExactly(report.reference().classHistogram());
    assertThat(written.settings()).isEqualTo(SETTINGS);
    String table = EvaluationTable.format(report, "model");
    assertThat(table).contains("reference (train vs test)").contains("FID").contains("KID x1000");
  }

  @Test
  void scoresTheSameImagesFromANpyFileExactlyAsFromTheRun() throws IOException {
    EvaluationReport fromRun = gen4j.evaluations().evaluateRun(run, dataset, SETTINGS, cache);
    // RunSamples draws its one batch of 200 with the first seed of a generator seeded with 4.
    ImageBatch samples = gen4j.experiments().sample(run, 200, new SplittableRandom(4).nextLong());
    Path file = directory.resolve("samples.npy");
    NpyImages.write(samples, file);
    Path out = directory.resolve("samples-eval.json");

    EvaluationReport fromFile = gen4j.evaluations().evaluateSamples(file, 0, dataset, SETTINGS, cache, out);

    assertThat(fromFile.model().source()).isEqualTo(file.toString());
    assertThat(fromFile.model().fid()).isEqualTo(fromRun.model().fid());
    assertThat(fromFile.model().kidMean()).isEqualTo(fromRun.model().kidMean());
    assertThat(fromFile.model().precision()).isEqualTo(fromRun.model().precision());
    assertThat(fromFile.model().classHistogram()).containsExactly(fromRun.model().classHistogram());
    assertThat(fromFile.reference().fid()).isEqualTo(fromRun.reference().fid());
    assertThat(out).isRegularFile();
  }

  @Test
  void reportsTheLatestHeldOutScoresTheRunLogged() throws IOException {
    Path metrics = directory.resolve("metrics.jsonl");
    Files.writeString(metrics, """
        {"step":10,"epoch":0,"loss":3.0,"images_per_second":50.0}
        {"step":10,"evaluation":"mnist-test","images":400,"protocol":"dynamic binarization","negative_elbo":120.5}
        {"step":20,"epoch":0,"loss":2.0}
        {"step":20,"evaluation":"mnist-test","images":400,"protocol":"dynamic binarization","negative_elbo":101.25,\
        "reconstruction":90.0,"note":"n/a"}
        """);

    Map<String, RunMetrics.LoggedValue> latest = RunMetrics.latest(metrics);

    assertThat(latest).containsExactly(
        Map.entry("mnist-test negative_elbo", new RunMetrics.LoggedValue(20, 101.25, 400, "dynamic binarization")),
        Map.entry("mnist-test reconstruction", new RunMetrics.LoggedValue(20, 90.0, 400, "dynamic binarization")));
    assertThat(RunMetrics.latest(directory.resolve("none.jsonl"))).isEmpty();
    EvaluationReport report = gen4j.evaluations().evaluateRun(run, dataset, SETTINGS, cache);
    EvaluationReport withScores = new EvaluationReport(report.dataset(), report.testImages(), report.featureNetwork(),
        report.settings(), report.model(), report.reference(), latest, report.created());
    assertThat(EvaluationTable.format(withScores, "model")).contains(
        "mnist-test negative_elbo: 101.2500 (logged by the run at step 20, 400 images, dynamic binarization)");
  }

  @Test
  void aMetricsLineThatIsNotJsonIsNamedByFileAndLine() throws IOException {
    Path metrics = directory.resolve("broken.jsonl");
    Files.writeString(metrics, "{\"step\":10}\n[1, 2]\n");

    assertThatThrownBy(() -> RunMetrics.latest(metrics))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(metrics + ":2: not a JSON object");
  }

  @Test
  void rejectsSampleFilesOfAnotherShapeOrTooFewImages() {
    Path file = directory.resolve("colour.npy");
    NpyImages.write(new ImageBatch(new ImageShape(28, 28, 3), 2, new float[2 * 28 * 28 * 3]), file);
    Path out = directory.resolve("x.json");

    assertThatThrownBy(() -> gen4j.evaluations().evaluateSamples(file, 0, dataset, SETTINGS, cache, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": images are 28x28x3 but mnist has 28x28x1");
    assertThatThrownBy(() -> gen4j.evaluations().evaluateSamples(file, 5, dataset, SETTINGS, cache, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": holds 2 images, fewer than the 5 asked for");
  }
}
