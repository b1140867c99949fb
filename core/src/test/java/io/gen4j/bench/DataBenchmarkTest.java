package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data side of the benchmark: decoding a folder of JPEGs, and an experiment's own model on any dataset. */
class DataBenchmarkTest {

  @Test
  void decodesAGeneratedFolderOfJpegsAndCleansUp(@TempDir Path directory) {
    Path work = directory.resolve("work");

    DecodeBenchmark.Result result = DecodeBenchmark.run(24, 16, 2, work);

    assertThat(result.images()).isEqualTo(24);
    assertThat(result.threads()).isEqualTo(2);
    assertThat(result.jpegBytes()).isPositive();
    assertThat(result.seconds()).isPositive();
    assertThat(result.imagesPerSecond()).isEqualTo(24 / result.seconds());
    assertThat(work).doesNotExist();
  }

  @Test
  void timesAnExperimentsOwnModelOnColourImages() {
    Gen4j gen4j = Gen4j.create();
    ExperimentConfig experiment = gen4j.configLoader().parse(
        "{\"model\": {\"type\": \"tiny-gan\", \"latentSize\": 3, \"hidden\": 5}}", "tiny.json");
    ImageDataset colour = new ImageDataset("colour", new ImageShape(4, 4, 3), new byte[40 * 48], null, 40);
    BenchSettings settings = new BenchSettings(List.of(), List.of(8), 1, 2, List.of(BenchMode.REAL), 1);
    List<BenchResult> seen = new ArrayList<>();

    BenchReport report = new Benchmark(gen4j.catalog()).run(settings, experiment, colour, seen::add);

    assertThat(report.results()).singleElement().isInstanceOf(BenchMeasurement.class)
        .satisfies(result -> assertThat(result.modelType()).isEqualTo("tiny-gan"));
    assertThat(seen).isEqualTo(report.results());
    BenchSettings named = new BenchSettings(List.of("tiny-gan"), List.of(8), 1, 2, List.of(BenchMode.REAL), 1);
    assertThatThrownBy(() -> new Benchmark(gen4j.catalog()).run(named, experiment, colour, seen::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an experiment names its model; give no model types with it");
  }
}
