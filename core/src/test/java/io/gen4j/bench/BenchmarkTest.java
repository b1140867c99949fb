package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.BundledMnist;
import io.gen4j.data.ImageDataset;
import io.gen4j.graph.Contraction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few iterations of the test-only tiny GAN: sane figures, a failed row that does not stop the rest, JSON. */
class BenchmarkTest {

  private final Benchmark benchmark = new Benchmark(Gen4j.create().catalog());

  @Test
  void timesBothModesReportsAnUnbuildableBatchSizeAsARowAndRoundTripsAsJson(@TempDir Path directory) {
    ImageDataset dataset = BundledMnist.train().slice(200);
    BenchSettings settings =
        new BenchSettings(List.of("tiny-gan"), List.of(16, 500), 2, 4, List.of(BenchMode.values()), 7);
    List<BenchResult> seen = new ArrayList<>();

    BenchReport report = benchmark.run(settings, dataset, seen::add);

    assertThat(seen).isEqualTo(report.results());
    assertThat(report.results()).extracting(BenchResult::modelType, BenchResult::batchSize, BenchResult::mode)
        .containsExactly(
            Tuple.tuple("tiny-gan", 16, BenchMode.REAL),
            Tuple.tuple("tiny-gan", 16, BenchMode.SYNTHETIC),
            Tuple.tuple("tiny-gan", 500, BenchMode.REAL),
            Tuple.tuple("tiny-gan", 500, BenchMode.SYNTHETIC));
    BenchMeasurement real = (BenchMeasurement) report.results().get(0);
    BenchMeasurement synthetic = (BenchMeasurement) report.results().get(1);
    for (BenchMeasurement measured : List.of(real, synthetic)) {
      assertThat(measured.trainer()).isEqualTo("sequential");
      assertThat(measured.warmupIterations()).isEqualTo(2);
      assertThat(measured.iterations()).isEqualTo(4);
      assertThat(measured.batchesPerIteration()).isEqualTo(1);
      IterationStatistics millis = measured.millisPerIteration();
      assertThat(millis.min()).isPositive();
      assertThat(millis.median()).isBetween(millis.p10(), millis.p90());
      assertThat(millis.mean()).isBetween(millis.min(), millis.max());
      assertThat(measured.imagesPerSecond()).isCloseTo(16 * 1000 / millis.median(), Offset.offset(1e-6));
      assertThat(measured.peakResidentBytes()).isGreaterThan(50L * 1024 * 1024);
    }
    assertThat(real.dataWaitShare()).isBetween(0.0, 1.0);
    assertThat(synthetic.dataWaitShare()).isZero();
    // 500 images do not fit a 200-image dataset: real data fails, the graph alone still runs.
    assertThat(report.results().get(2)).isEqualTo(new BenchFailure("tiny-gan", BenchMode.REAL, 500,
        "batch size 500 is larger than the dataset (200 images): an epoch would have no full batch"));
    assertThat(report.results().get(3)).isInstanceOf(BenchMeasurement.class);
    assertThat(report.pipelineCosts()).singleElement().satisfies(cost -> {
      assertThat(cost.batchSize()).isEqualTo(16);
      assertThat(cost.differenceMillis()).isEqualTo(real.millisPerIteration().median() - synthetic.millisPerIteration().median());
    });
    assertThat(report.memoryMeasurement()).startsWith("VmHWM from /proc/self/status");
    assertThat(report.environment().processors()).isPositive();

    Path file = directory.resolve("bench.json");
    BenchJson.write(report, file);
    assertThat(BenchJson.read(file)).isEqualTo(report);
    assertThat(BenchJson.toJson(report)).contains("\"status\" : \"failed\"", "\"mode\" : \"synthetic\"",
        "\"pipelineCosts\"", "\"differenceMillis\"");

    String table = BenchTable.format(report);
    assertThat(table).contains("tiny-gan       synthetic    16", "tiny-gan       real        500 FAILED: batch size 500");
  }

  @Test
  void countsFlopsAgainstThePeakTimesContractionsAloneAndProfiles() {
    BenchSettings settings = new BenchSettings(List.of("tiny-gan"), List.of(16), 1, 3, List.of(BenchMode.REAL), 7, true, 2,
        ThreadsConfig.DEFAULT);

    BenchReport report = benchmark.run(settings, BundledMnist.train().slice(200), result -> {});

    assertThat(report.peak().contraction()).isEqualTo(Contraction.matMul(1024, 1024, 1024));
    assertThat(report.peak().gflopsPerSecond()).isPositive();
    BenchMeasurement measured = (BenchMeasurement) report.results().get(0);
    assertThat(measured.flopsPerIteration()).isPositive();
    assertThat(measured.floorMillis())
        .isCloseTo(measured.flopsPerIteration() / report.peak().gflopsPerSecond() / 1e6, Offset.offset(1e-9));
    assertThat(measured.peakShare())
        .isCloseTo(measured.floorMillis() / measured.millisPerIteration().median(), Offset.offset(1e-12));
    OwnShapePeak own = measured.ownShapes();
    assertThat(own.contractions()).isNotEmpty();
    assertThat(own.contractions().stream().mapToLong(use -> use.count() * use.speed().contraction().flops()).sum())
        .isEqualTo(measured.flopsPerIteration());
    assertThat(own.millisPerIteration()).isPositive();
    OpProfile profile = measured.profile();
    assertThat(profile.tracedIterations()).isEqualTo(2);
    assertThat(profile.opMillisPerIteration()).isPositive();
    assertThat(profile.categories().stream().mapToDouble(OpProfile.CategoryTime::share).sum())
        .isCloseTo(1.0, Offset.offset(1e-9));
    assertThat(profile.share(OpCategory.MATMUL)).isPositive();
    assertThat(profile.share(OpCategory.OPTIMIZER)).isPositive();
    assertThat(profile.opTypes()).isNotEmpty().hasSizeLessThanOrEqualTo(OpProfile.TOP_OP_TYPES);
    assertThat(profile.contractionFlopsPerIteration()).isEqualTo(measured.flopsPerIteration());
    assertThat(profile.contractionGflopsPerSecond()).isPositive();
    assertThat(profile.sessionRunsPerIteration()).isEqualTo(2);
    assertThat(profile.sessionCallMicros()).isPositive();
    assertThat(profile.outsideTensorFlowShare()).isBetween(0.0, 1.0);

    String table = BenchTable.format(report);
    assertThat(table)
        .contains("matmul peak: float32 MatMul 1024x1024 . 1024x1024, ")
        .contains("each timed alone at its own shapes:", "  tiny-gan, batch 16: ")
        .contains("profile (2 traced iterations per row)", "top op types:", "  tiny-gan real 16: ");
    assertThat(BenchTable.row(measured)).contains(profile.opTypes().get(0).type() + " ");
  }

  @Test
  void unknownModelTypeListsTheAvailableOnesBeforeAnythingRuns() {
    BenchSettings settings = new BenchSettings(List.of("tiny-gan", "no-such-model"), List.of(16), 0, 1,
        List.of(BenchMode.SYNTHETIC), 1);
    assertThatThrownBy(() -> benchmark.modelTypes(settings))
        .hasMessage("unknown model type 'no-such-model'; available: [tiny-gan]");
    assertThat(benchmark.modelTypes(BenchSettings.defaults())).containsExactly("tiny-gan");
    List<BenchResult> seen = new ArrayList<>();
    assertThatThrownBy(() -> benchmark.run(settings, BundledMnist.train().slice(64), seen::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown model type 'no-such-model'; available: [tiny-gan]");
    assertThat(seen).isEmpty();
  }

  @Test
  void badSettingsAreRefusedWithTheExpectedValue() {
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(64, 0), 5, 50, List.of(BenchMode.REAL), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch sizes must be at least 1, got 0");
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(64), 5, 0, List.of(BenchMode.REAL), 1))
        .hasMessage("timed iterations must be at least 1, got 0");
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(64), -1, 50, List.of(BenchMode.REAL), 1))
        .hasMessage("warm-up iterations must not be negative, got -1");
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(), 5, 50, List.of(BenchMode.REAL), 1))
        .hasMessage("give at least one batch size");
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(64), 5, 50, List.of(), 1))
        .hasMessage("give at least one mode (real or synthetic)");
    assertThatThrownBy(() -> new BenchSettings(List.of(), List.of(64), 5, 50, List.of(BenchMode.REAL), 1, false, -1,
        ThreadsConfig.DEFAULT))
        .hasMessage("traced iterations must not be negative, got -1");
  }

  @Test
  void percentilesInterpolateBetweenSortedDurations() {
    IterationStatistics statistics = IterationStatistics.ofNanos(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
    assertThat(statistics).isEqualTo(new IterationStatistics(3, 1.4, 4.6, 3, 1, 5));
  }
}
