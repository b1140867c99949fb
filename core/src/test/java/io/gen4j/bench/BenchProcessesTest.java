package io.gen4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.config.ThreadsConfig;
import io.gen4j.sweep.RunProcess;
import io.gen4j.testing.BenchTaskMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Benchmark rows in child processes: one per thread setting, and processes side by side. */
class BenchProcessesTest {

  @Test
  void comparesEachSettingAloneAndProcessesSideBySide() {
    BenchSettings settings = new BenchSettings(List.of("tiny-gan"), List.of(16), 1, 3, List.of(BenchMode.SYNTHETIC), 7);
    ContractionSpeed peak = new ContractionSpeed(Benchmark.peakContraction(), 2, 1, 10, 214.7);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    List<BenchResult> results;
    Path directory;
    try (BenchProcesses processes = new BenchProcesses(
        RunProcess.javaCommand(System.getProperty("java.class.path"), BenchTaskMain.class.getName(), List.of()),
        lines::add)) {
      results = processes.compareThreads(settings, List.of("tiny-gan"), peak, 2);
      directory = processes.directory();
      assertThat(directory).isDirectory();
    }

    assertThat(directory).doesNotExist();
    assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(BenchMeasurement.class));
    assertThat(results).map(BenchMeasurement.class::cast)
        .extracting(BenchMeasurement::threads, BenchMeasurement::sideBySide)
        .containsExactly(
            Tuple.tuple(new ThreadsConfig(1, 1), 1),
            Tuple.tuple(new ThreadsConfig(1, 2), 1),
            Tuple.tuple(new ThreadsConfig(2, 1), 1),
            Tuple.tuple(new ThreadsConfig(2, 2), 1),
            Tuple.tuple(new ThreadsConfig(1, 1), 2),
            Tuple.tuple(new ThreadsConfig(1, 1), 2));
    // Every child times against the peak it was given, not one of its own.
    assertThat(results).map(BenchMeasurement.class::cast).allSatisfy(measured ->
        assertThat(measured.floorMillis()).isCloseTo(measured.flopsPerIteration() / 214.7e6, Offset.offset(1e-9)));
    assertThat(lines).filteredOn(line -> line.startsWith("tiny-gan")).hasSize(6)
        .anySatisfy(line -> assertThat(line).contains(" 2 x 1/1 "));

    String table = BenchTable.threads(results, Map.of("tiny-gan", new ThreadsConfig(1, 2)));
    assertThat(table).contains("1/1       1/2       2/1       2/2   2 x 1/1  2 x 1/1 vs 2/2, vs best alone");
    double together = results.subList(4, 6).stream()
        .mapToDouble(result -> ((BenchMeasurement) result).imagesPerSecond()).sum();
    assertThat(table).contains(String.format(Locale.ROOT, " %.0f  ", together));
    assertThat(table.lines().filter(line -> line.startsWith("tiny-gan")).findFirst().orElseThrow())
        .matches("tiny-gan       synthetic    16 +\\d+ +\\d+\\* +\\d+ +\\d+ +\\d+  \\d+\\.\\d\\dx, \\d+\\.\\d\\dx");
  }

  @Test
  void aFailedChildLeavesOneFailurePerRow() {
    BenchSettings settings = new BenchSettings(List.of("tiny-gan"), List.of(16, 32), 1, 3, List.of(BenchMode.REAL), 7);
    ContractionSpeed peak = new ContractionSpeed(Benchmark.peakContraction(), 2, 1, 10, 214.7);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try (BenchProcesses processes = new BenchProcesses(List.of(java, "-version"), line -> {})) {
      assertThat(processes.run(settings, List.of("tiny-gan"), peak)).containsExactly(
          new BenchFailure("tiny-gan", BenchMode.REAL, 16, "the benchmark process wrote no report (exit status 0)"),
          new BenchFailure("tiny-gan", BenchMode.REAL, 32, "the benchmark process wrote no report (exit status 0)"));
    }
  }

  @Test
  void settingsToCompareAreTheCornersWithoutRepeats() {
    assertThat(BenchProcesses.settingsToCompare(2)).containsExactly(
        new ThreadsConfig(1, 1), new ThreadsConfig(1, 2), new ThreadsConfig(2, 1), new ThreadsConfig(2, 2));
    assertThat(BenchProcesses.settingsToCompare(1)).containsExactly(new ThreadsConfig(1, 1));
    assertThat(BenchTable.threads(new ThreadsConfig(1, 2), 1)).isEqualTo("1/2");
    assertThat(BenchTable.threads(new ThreadsConfig(1, 1), 2)).isEqualTo("2 x 1/1");
  }

  @Test
  void aFileBarrierLetsNoProcessOnUntilAllHaveArrived(@TempDir Path directory) throws Exception {
    FileBarrier first = new FileBarrier(directory, 2, 0);
    FileBarrier second = new FileBarrier(directory, 2, 1);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(first);
    Thread.sleep(200);
    assertThat(waiting).isNotDone();

    second.run();

    waiting.get(10, TimeUnit.SECONDS);
    assertThat(Files.list(directory).map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("1.0", "1.1");
    CompletableFuture<Void> again = CompletableFuture.runAsync(second);
    first.run();
    again.get(10, TimeUnit.SECONDS);
    assertThat(directory.resolve("2.0")).exists();
    assertThatThrownBy(() -> new FileBarrier(directory, 2, 2)).hasMessage("process 2 of 2 does not exist");
  }
}
