package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.bench.BenchEnvironment;
import io.gen4j.bench.BenchJson;
import io.gen4j.bench.BenchMode;
import io.gen4j.bench.BenchProcesses;
import io.gen4j.bench.BenchReport;
import io.gen4j.bench.BenchResult;
import io.gen4j.bench.BenchSettings;
import io.gen4j.bench.BenchTable;
import io.gen4j.bench.BenchTask;
import io.gen4j.bench.Benchmark;
import io.gen4j.bench.ContractionSpeed;
import io.gen4j.bench.ResidentMemory;
import io.gen4j.config.DataConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.Datasets;
import io.gen4j.data.ImageDataset;
import io.gen4j.sweep.RunProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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

  @CommandLine.Option(names = "--threads",
      description = "Compare TensorFlow thread pools: time each model type with 1/1, 1/N, N/1 and N/N intra-op/inter-op"
          + " threads (N cores), each in a process of its own, then N processes of 1/1 side by side.")
  private boolean compareThreads;

  @CommandLine.Option(names = "--thread-pools", paramLabel = "INTRA,INTER",
      description = "Time every row with these thread pool sizes (default: gen4j's automatic choice for each model"
          + " type, as training.threads 0,0).")
  private String threadPools;

  @CommandLine.Option(names = "--worker", hidden = true, paramLabel = "TASK",
      description = "Internal: time the rows of a task file written by the benchmark process that started this one.")
  private Path worker;

  BenchCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (worker != null) {
      return work(out);
    }
    if (compareThreads && threadPools != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads compares thread pools; leave out --thread-pools");
    }
    ThreadsConfig threads = threadPools == null ? ThreadsConfig.DEFAULT : parseThreads(threadPools);
    BenchSettings settings = new BenchSettings(
        modelTypes, batchSizes, warmup, iterations, modes(), seed, ownShapePeaks, profile ? traced : 0, threads);
    Benchmark benchmark = new Benchmark(gen4j.get().catalog());
    List<String> types = benchmark.modelTypes(settings);
    ImageDataset dataset = Datasets.train(DataConfig.DEFAULT);
    BenchEnvironment environment = BenchEnvironment.current();
    out.print(BenchTable.header(environment, settings));
    out.flush();
    BenchReport report;
    Map<String, ThreadsConfig> choices = new LinkedHashMap<>();
    if (compareThreads || (threads.automatic() && types.size() > 1)) {
      int processors = Runtime.getRuntime().availableProcessors();
      for (String type : types) {
        choices.put(type, benchmark.automaticThreads(type, settings, dataset));
      }
      // This process times only the peak: one chain per core, one thread each.
      ContractionSpeed peak = Benchmark.measurePeak(new ThreadsConfig(1, processors));
      out.print(BenchTable.peak(peak));
      out.print(BenchTable.columns());
      out.flush();
      try (BenchProcesses processes = new BenchProcesses(RunProcess.javaCommand(System.getProperty("java.class.path"),
          Gen4jCommand.class.getName(), List.of("bench", "--worker")), line -> {
            out.println(line);
            out.flush();
          })) {
        List<BenchResult> results = compareThreads
            ? processes.compareThreads(settings, types, peak, processors)
            : processes.run(settings, types, peak);
        report = new BenchReport(environment, settings, peak, ResidentMemory.method(ResidentMemory.resetPeak()), results);
      }
    } else {
      out.print(BenchTable.peak(benchmark.peak(settings, dataset)));
      out.print(BenchTable.columns());
      out.flush();
      report = benchmark.run(settings, dataset, result -> {
        out.print(BenchTable.row(result));
        out.flush();
      });
    }
    out.print(BenchTable.footer(report));
    if (compareThreads) {
      out.print(BenchTable.threads(report.results(), choices));
    }
    if (json != null) {
      BenchJson.write(report, json);
      out.printf("wrote %s%n", json);
    }
    out.flush();
    return 0;
  }

  /** The child-process side: the rows of one task, printed as they are timed, and the report written. */
  private int work(PrintWriter out) {
    ParentWatch.exitWhenGone();
    BenchTask.read(worker).perform(gen4j.get().catalog(), Datasets.train(DataConfig.DEFAULT), result -> {
      out.print(BenchTable.row(result));
      out.flush();
    });
    return 0;
  }

  private ThreadsConfig parseThreads(String text) {
    try {
      return RunProcess.parseThreads(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--thread-pools: expected INTRA,INTER (two whole numbers, 0 for TensorFlow's choice), got '" + text + "'");
    }
  }

  private List<BenchMode> modes() {
    if (realOnly == syntheticOnly) {
      return List.of(BenchMode.REAL, BenchMode.SYNTHETIC);
    }
    return List.of(realOnly ? BenchMode.REAL : BenchMode.SYNTHETIC);
  }
}
