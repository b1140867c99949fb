package io.gen4j.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's arithmetic and tables, on hand-computed numbers. */
class SweepSummaryTest {

  private static SweepIndex.Entry entry(String combination, long seed) {
    return new SweepIndex.Entry(combination + "_s" + seed, combination, Map.of("model.loss", combination), seed);
  }

  private static RunResult finished(String run, double fid, double recall) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("fid", fid);
    metrics.put("recall", recall);
    metrics.put("mnist-test negative_elbo", fid / 10);
    metrics.put("training_seconds", 100.0);
    return new RunResult(run, RunResult.State.FINISHED, metrics, "");
  }

  private static SweepSummary summary(String metric) {
    SweepIndex index = new SweepIndex("losses", "losses.json", metric, List.of("model.loss"), SweepEvaluation.DEFAULT,
        List.of(entry("a", 1), entry("a", 2), entry("a", 3), entry("b", 1), entry("b", 2), entry("b", 3),
            entry("c", 1), entry("c", 2)));
    Map<String, RunResult> results = new LinkedHashMap<>();
    results.put("a_s1", finished("a_s1", 10, 0.5));
    results.put("a_s2", finished("a_s2", 12, 0.6));
    results.put("a_s3", finished("a_s3", 17, 0.7));
    results.put("b_s1", finished("b_s1", 8, 0.1));
    results.put("b_s2", new RunResult("b_s2", RunResult.State.FAILED, Map.of("fid", 1.0), "failed at step 3: NaN"));
    results.put("b_s3", new RunResult("b_s3", RunResult.State.UNFINISHED, Map.of(), ""));
    results.put("c_s1", new RunResult("c_s1", RunResult.State.PENDING, Map.of(), ""));
    results.put("c_s2", new RunResult("c_s2", RunResult.State.TRAINED, Map.of("training_seconds", 5.0), ""));
    return SweepSummary.of(index, results);
  }

  @Test
  void meanAndSampleStandardDeviationOverTheFinishedRunsOfEachCombination() {
    SweepSummary summary = summary("fid");
    SweepSummary.Row a = summary.rows().stream().filter(row -> row.combination().equals("a")).findFirst().orElseThrow();
    // mean(10, 12, 17) = 13; squared deviations 9 + 1 + 16 = 26; / (3 - 1) = 13; sqrt = 3.6056
    assertThat(a.statistics().get("fid").mean()).isEqualTo(13.0);
    assertThat(a.statistics().get("fid").standardDeviation()).isCloseTo(Math.sqrt(13), within(1e-12));
    assertThat(a.statistics().get("fid").count()).isEqualTo(3);
    assertThat(a.statistics().get("recall").mean()).isCloseTo(0.6, within(1e-12));
    assertThat(a.statistics().get("recall").standardDeviation()).isCloseTo(0.1, within(1e-12));
    assertThat(a.finished()).isEqualTo(3);

    SweepSummary.Row b = summary.rows().stream().filter(row -> row.combination().equals("b")).findFirst().orElseThrow();
    assertThat(b.planned()).isEqualTo(3);
    assertThat(b.finished()).isEqualTo(1);
    assertThat(b.failed()).isEqualTo(1);
    assertThat(b.statistics().get("fid").mean()).isEqualTo(8.0); // the failed run's figure does not count
    assertThat(b.statistics().get("fid").standardDeviation()).isNaN();
    assertThat(b.statistics().get("fid").count()).isEqualTo(1);

    SweepSummary.Row c = summary.rows().get(2);
    assertThat(c.combination()).isEqualTo("c");
    assertThat(c.statistics()).isEmpty(); // a trained run not yet evaluated counts for nothing
  }

  @Test
  void rowsAreRankedBestFirstInTheMetricsDirection() {
    assertThat(summary("fid").rows()).extracting(SweepSummary.Row::combination).containsExactly("b", "a", "c");
    assertThat(summary("recall").rows()).extracting(SweepSummary.Row::combination).containsExactly("a", "b", "c");
    assertThat(summary("mnist-test negative_elbo").rows()).extracting(SweepSummary.Row::combination)
        .containsExactly("b", "a", "c");
  }

  @Test
  void columnsPutHeldOutScoresBeforeTheTimings() {
    assertThat(summary("fid").columns()).extracting(SummaryMetric::id)
        .containsExactly("fid", "recall", "mnist-test negative_elbo", "training_seconds");
  }

  @Test
  void theTablesShowMeanPlusMinusStandardDeviationAndFullPrecisionInCsv() {
    SweepSummary summary = summary("fid");
    assertThat(SummaryWriter.markdownTable(summary)).isEqualTo("""
        | # | loss | runs | FID | recall | mnist-test negative_elbo | wall s |
        |---:|---|---:|---:|---:|---:|---:|
        | 1 | b | 1/3 (1 failed) | 8.000 | 0.100 | 0.800 | 100.0 |
        | 2 | a | 3/3 | 13.00 ± 3.61 | 0.600 ± 0.100 | 1.300 ± 0.361 | 100.0 ± 0.0 |
        | – | c | 0/2 | – | – | – | – |
        """);
    String csv = SummaryWriter.csv(summary);
    assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("rank,combination,model.loss,planned,finished,failed,"
        + "fid_mean,fid_std,fid_n,recall_mean,recall_std,recall_n,mnist-test negative_elbo_mean,"
        + "mnist-test negative_elbo_std,mnist-test negative_elbo_n,training_seconds_mean,training_seconds_std,training_seconds_n");
    assertThat(csv.lines().skip(2).findFirst().orElseThrow())
        .startsWith("2,a,a,3,3,0,13.0," + Math.sqrt(13) + ",3,");
    assertThat(SummaryWriter.runsCsv(summary).lines().toList()).contains(
        "b_s2,b,2,failed,b,1.0,,,", "c_s2,c,2,trained,c,,,,5.0");
  }

  @Test
  void thePlotAndTheReportAreWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
    SummaryWriter.write(summary("fid"), directory);
    assertThat(javax.imageio.ImageIO.read(directory.resolve(SummaryWriter.PLOT).toFile()).getWidth()).isEqualTo(900);
    String html = java.nio.file.Files.readString(directory.resolve(SummaryWriter.REPORT));
    assertThat(html).contains("<h1>Sweep losses</h1>", "data:image/png;base64,", "failed at step 3: NaN")
        .doesNotContain("href=\"a_s1/index.html\""); // no run report exists here to link to
    java.nio.file.Files.createDirectories(directory.resolve("a_s1"));
    java.nio.file.Files.writeString(directory.resolve("a_s1/index.html"), "<html></html>");
    SummaryWriter.write(summary("fid"), directory);
    assertThat(java.nio.file.Files.readString(directory.resolve(SummaryWriter.REPORT))).contains("<a href=\"a_s1/index.html\">a_s1</a>");
  }
}
