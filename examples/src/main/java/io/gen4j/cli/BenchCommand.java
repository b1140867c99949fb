package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.bench.BenchEnvironment;
import io.gen4j.bench.BenchJson;
import io.gen4j.bench.BenchMode;
import io.gen4j.bench.BenchReport;
import io.gen4j.bench.BenchSettings;
import io.gen4j.bench.BenchTable;
import io.gen4j.bench.Benchmark;
import io.gen4j.bench.DecodeBenchmark;
import io.gen4j.config.DataConfig;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.data.LoadedDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
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
      + " cache (images/s) instead of training.")
  private boolean decode;

  @CommandLine.Option(names = "--decode-images", paramLabel = "N", defaultValue = "" + DecodeBenchmark.DEFAULT_IMAGES,
      description = "Images --decode generates (default: ${DEFAULT-VALUE}).")
  private int decodeImages;

  @CommandLine.Option(names = "--decode-size", paramLabel = "PIXELS", defaultValue = "" + DecodeBenchmark.DEFAULT_SIZE,
      description = "Side of the square JPEGs --decode generates (default: ${DEFAULT-VALUE}).")
  private int decodeSize;

  BenchCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (decode) {
      return decode(out);
    }
    if (dataConfig != null && experimentConfig != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --data or --config, not both");
    }
    if (experimentConfig != null && !modelTypes.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--config names the model; give no MODEL with it");
    }
    BenchSettings settings = new BenchSettings(modelTypes, batchSizes, warmup, iterations, modes(), seed);
    Benchmark benchmark = new Benchmark(gen4j.get().catalog());
    benchmark.modelTypes(settings);
    Optional<ExperimentConfig> experiment = Optional.ofNullable(experimentConfig)
        .map(file -> gen4j.get().configLoader().load(file));
    DataConfig data = experiment.map(ExperimentConfig::data)
        .or(() -> Optional.ofNullable(dataConfig).map(file -> gen4j.get().configLoader().load(file).data()))
        .orElse(DataConfig.DEFAULT);
    LoadedDataset dataset = gen4j.get().datasets().open(data);
    ImageDataset images = dataset.training(data.limit());
    out.print(BenchTable.header(BenchEnvironment.current(), settings));
    out.printf("dataset: %s (%d images of %s)%n", dataset.name(), images.count(), images.shape());
    out.print(BenchTable.columns());
    out.flush();
    java.util.function.Consumer<io.gen4j.bench.BenchResult> print = result -> {
      out.print(BenchTable.row(result));
      out.flush();
    };
    BenchReport report = experiment.isPresent()
        ? benchmark.run(settings, experiment.get(), images, print)
        : benchmark.run(settings, images, print);
    out.print(BenchTable.footer(report));
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

  private List<BenchMode> modes() {
    if (realOnly == syntheticOnly) {
      return List.of(BenchMode.REAL, BenchMode.SYNTHETIC);
    }
    return List.of(realOnly ? BenchMode.REAL : BenchMode.SYNTHETIC);
  }
}
