package io.gen4j.testing;

import io.gen4j.Gen4j;
import io.gen4j.bench.BenchMeasurement;
import io.gen4j.bench.BenchMode;
import io.gen4j.bench.BenchReport;
import io.gen4j.bench.BenchSettings;
import io.gen4j.bench.Benchmark;
import io.gen4j.data.BundledMnist;
import java.util.List;

/**
 * Benchmarks one model type in its own JVM and prints its resident memory after the warm-up and at the
 * end, for the leak check: {@code BenchMain MODEL BATCH WARMUP ITERATIONS}.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    BenchSettings settings = new BenchSettings(List.of(args[0]), List.of(Integer.parseInt(args[1])),
        Integer.parseInt(args[2]), Integer.parseInt(args[3]), List.of(BenchMode.REAL), 42);
    BenchReport report = new Benchmark(Gen4j.create().catalog())
        .run(settings, BundledMnist.train().slice(2048), result -> { });
    BenchMeasurement measured = (BenchMeasurement) report.results().get(0);
    System.out.println("rss " + measured.residentAfterWarmupBytes() + " " + measured.residentAtEndBytes());
  }
}
