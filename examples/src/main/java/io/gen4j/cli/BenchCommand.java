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
import io.gen4j.bench.DecodeBenchmark;
import io.gen4j.bench.ResidentMemory;
import io.gen4j.config.DataConfig;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.data.LoadedDataset;
import io.gen4j.sweep.RunProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code gen4j bench [MODEL...] [--batch-sizes 64,256] [--iterations 50] [--synthetic|--real] [--json FILE]}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j bench                           # every model type, batch 64 and 256",
      "  gen4j bench dcgan --batch-sizes 32,128 --iterations 100 --json bench.json",
      "  gen4j bench gan --synthetic           # the graph alone",
      HelpText.REFERENCE
    },
    description = {
      "Time training iterations of each model type (default config) on the bundled MNIST, with the real data"
          + " pipeline and with synthetic images drawn in the graph, and print ms per iteration, images/s,"
          + " the share of time spent waiting for data and peak resident memory.",
      "--data FILE times them on the dataset of a config's data section; --config FILE times that config's own model"
          + " on its own dataset; --decode times decoding a generated folder of JPEGs into the dataset cache."
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

  @CommandLine.Option(names = "--real", description = "Time with the real data pipeline only (default: both modes).")
  private boolean realOnly;

  @CommandLine.Option(names = "--synthetic", description = "Time the graph alone, with images drawn in the graph, only (default: both modes).")
  private boolean syntheticOnly;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BenchSettings.DEFAULT_SEED,
      description = "Seeds weights, data order and noise (default: ${DEFAULT-VALUE}).")
  private long seed;

  @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (default: none).")
  private Path json;

  @CommandLine.Option(names = "--data", paramLabel = "CONFIG.json",
      description = "Train on the dataset this config's data section names (default: the bundled MNIST).")
  private Path dataConfig;

  @CommandLine.Option(names = "--config", paramLabel = "CONFIG.json",
      description = "Time this config's model (its model fields and optimizers) on its dataset, instead of each"
          + " model type's defaults.")
  private Path experimentConfig;

  @CommandLine.Option(names = "--decode", description = "Time decoding a generated folder of JPEGs into the dataset"
      + " cache (images/s) instead of training (default: off).")
  private boolean decode;

  @CommandLine.Option(names = "--decode-images", paramLabel = "N", defaultValue = "" + DecodeBenchmark.DEFAULT_IMAGES,
      description = "Images --decode generates (default: ${DEFAULT-VALUE}).")
  private int decodeImages;

  @CommandLine.Option(names = "--decode-size", paramLabel = "PIXELS", defaultValue = "" + DecodeBenchmark.DEFAULT_SIZE,
      description = "Side of the square JPEGs --decode generates (default: ${DEFAULT-VALUE}).")
  private int decodeSize;

  @CommandLine.Option(names = "--peak",
      description = "Also time each row's matrix products and convolutions alone at their own shapes (default: off).")
  private boolean ownShapePeaks;

  @CommandLine.Option(names = "--profile",
      description = "Trace a few iterations per row and print where the time goes (op types, matmul speed,"
          + " time outside TensorFlow; default: off).")
  private boolean profile;

  @CommandLine.Option(names = "--traced", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_TRACED_ITERATIONS,
      description = "Traced iterations per row with --profile (default: ${DEFAULT-VALUE}).")
  private int traced;

  @CommandLine.Option(names = "--threads",
      description = "Compare TensorFlow thread pools: time each model type with 1/1, 1/N, N/1 and N/N intra-op/inter-op"
          + " threads (N cores), each in a process of its own, then N processes of 1/1 side by side (default: off).")
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
    if (decode) {
      return decode(out);
    }
    if (dataConfig != null && experimentConfig != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --data or --config, not both");
    }
    if (experimentConfig != null && !modelTypes.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--config names the model; give no MODEL with it");
    }
    if (compareThreads && threadPools != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads compares thread pools; leave out --thread-pools");
    }
    boolean ownData = dataConfig != null || experimentConfig != null;
    if (compareThreads && ownData) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--threads compares thread pools on the bundled MNIST; leave out --data and --config");
    }
    ThreadsConfig threads = threadPools == null ? ThreadsConfig.DEFAULT : parseThreads(threadPools);
    BenchSettings settings = new BenchSettings(
        modelTypes, batchSizes, warmup, iterations, modes(), seed, ownShapePeaks, profile ? traced : 0, threads);
    Benchmark benchmark = new Benchmark(gen4j.get().catalog());
    List<String> types = benchmark.modelTypes(settings);
    Optional<ExperimentConfig> experiment = Optional.ofNullable(experimentConfig)
        .map(file -> gen4j.get().configLoader().load(file));
    DataConfig data = experiment.map(ExperimentConfig::data)
        .or(() -> Optional.ofNullable(dataConfig).map(file -> gen4j.get().configLoader().load(file).data()))
        .orElse(DataConfig.DEFAULT);
    LoadedDataset loaded = gen4j.get().datasets().open(data);
    ImageDataset dataset = loaded.training(data.limit());
    BenchEnvironment environment = BenchEnvironment.current();
    out.print(BenchTable.header(environment, settings));
    out.printf("dataset: %s (%d images of %s)%n", loaded.name(), dataset.count(), dataset.shape());
    out.flush();
    BenchReport report;
    Map<String, ThreadsConfig> choices = new LinkedHashMap<>();
    if (!ownData && (compareThreads || (threads.automatic() && types.size() > 1))) {
      // Each model type in a process of its own, so that each gets its own automatic thread pools.
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
      // One process: with automatic threads, the pools fit the first model type (or the experiment's model).
      out.print(BenchTable.peak(benchmark.peak(settings, dataset)));
      out.print(BenchTable.columns());
      out.flush();
      java.util.function.Consumer<BenchResult> print = result -> {
        out.print(BenchTable.row(result));
        out.flush();
      };
      report = experiment.isPresent()
          ? benchmark.run(settings, experiment.get(), dataset, print)
          : benchmark.run(settings, dataset, print);
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

  private int decode(PrintWriter out) {
    int threads = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "decode: %d generated %dx%d colour JPEGs into the dataset cache, %d threads...%n",
        decodeImages, decodeSize, decodeSize, threads);
    out.flush();
    Path work;
    try {
      work = Files.createTempDirectory("gen4j-decode-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
    DecodeBenchmark.Result result = DecodeBenchmark.run(decodeImages, decodeSize, threads, work);
    out.printf(Locale.ROOT, "decode: %d images (%.1f MB of JPEG) in %.2f s: %.0f images/s with %d threads (load %.2f)%n",
        result.images(), result.jpegBytes() / 1e6, result.seconds(), result.imagesPerSecond(), result.threads(),
        result.load());
    out.flush();
    return 0;
  }

  /** The child-process side: the rows of one task, printed as they are timed, and the report written. */
  private int work(PrintWriter out) {
    ParentWatch.exitWhenGone();
    BenchTask.read(worker).perform(gen4j.get().catalog(), gen4j.get().datasets().open(DataConfig.DEFAULT).training(0), result -> {
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
