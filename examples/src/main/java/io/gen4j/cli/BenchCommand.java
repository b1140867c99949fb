package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.bench.BenchEnvironment;
import io.gen4j.bench.BenchJson;
import io.gen4j.bench.BenchMode;
import io.gen4j.bench.BenchReport;
import io.gen4j.bench.BenchSettings;
import io.gen4j.bench.BenchTable;
import io.gen4j.bench.Benchmark;
import io.gen4j.config.DataConfig;
import io.gen4j.data.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j bench [MODEL...] [--batch-sizes 64,256] [--iterations 50] [--synthetic|--real] [--json FILE]}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time training iterations of each model type (default config) on the bundled MNIST, with the real data"
          + " pipeline and with synthetic images drawn in the graph, and print ms per iteration, images/s,"
          + " the share of time spent waiting for data and peak resident memory."
    })
final class BenchCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(arity = "0..*", paramLabel = "MODEL", description = "Model types to time (default: every one found).")
  private List<String> modelTypes = new ArrayList<>();

  @CommandLine.Option(names = "--batch-sizes", split = ",", paramLabel = "N[,N...]", defaultValue = "64,256",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  private List<Integer> batchSizes;

  @CommandLine.Option(names = "--iterations", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_ITERATIONS,
      description = "Timed iterations per row (default: ${DEFAULT-VALUE}).")
  private int iterations;

  @CommandLine.Option(names = "--warmup", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_WARMUP_ITERATIONS,
      description = "Untimed warm-up iterations per row (default: ${DEFAULT-VALUE}).")
  private int warmup;

  @CommandLine.Option(names = "--real", description = "Time with the real data pipeline only.")
  private boolean realOnly;

  @CommandLine.Option(names = "--synthetic", description = "Time the graph alone, with images drawn in the graph, only.")
  private boolean syntheticOnly;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BenchSettings.DEFAULT_SEED,
      description = "Seeds weights, data order and noise (default: ${DEFAULT-VALUE}).")
  private long seed;

  @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  private Path json;

  @CommandLine.Option(names = "--peak",
      description = "Also time each row's matrix products and convolutions alone at their own shapes.")
  private boolean ownShapePeaks;

  @CommandLine.Option(names = "--profile",
      description = "Trace a few iterations per row and print where the time goes (op types, matmul speed,"
          + " time outside TensorFlow).")
  private boolean profile;

  @CommandLine.Option(names = "--traced", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_TRACED_ITERATIONS,
      description = "Traced iterations per row with --profile (default: ${DEFAULT-VALUE}).")
  private int traced;

  BenchCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BenchSettings settings = new BenchSettings(
        modelTypes, batchSizes, warmup, iterations, modes(), seed, ownShapePeaks, profile ? traced : 0);
    Benchmark benchmark = new Benchmark(gen4j.get().catalog());
    benchmark.modelTypes(settings);
    out.print(BenchTable.header(BenchEnvironment.current(), settings));
    out.flush();
    out.print(BenchTable.peak(benchmark.peak()));
    out.print(BenchTable.columns());
    out.flush();
    BenchReport report = benchmark.run(settings, Datasets.train(DataConfig.DEFAULT), result -> {
          out.print(BenchTable.row(result));
          out.flush();
        });
    out.print(BenchTable.footer(report));
    if (json != null) {
      BenchJson.write(report, json);
      out.printf("wrote %s%n", json);
    }
    out.flush();
    return 0;
  }

  private List<BenchMode> modes() {
    if (realOnly == syntheticOnly) {
      return List.of(BenchMode.REAL, BenchMode.SYNTHETIC);
    }
    return List.of(realOnly ? BenchMode.REAL : BenchMode.SYNTHETIC);
  }
}
