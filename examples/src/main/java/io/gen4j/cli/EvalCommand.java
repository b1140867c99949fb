package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.eval.ClassifierTraining;
import io.gen4j.eval.DatasetSamples;
import io.gen4j.eval.EvaluationDataset;
import io.gen4j.eval.EvaluationReport;
import io.gen4j.eval.EvaluationSettings;
import io.gen4j.eval.EvaluationTable;
import io.gen4j.eval.Evaluator;
import io.gen4j.eval.FeatureNetworkCache;
import io.gen4j.eval.FeatureSpace;
import io.gen4j.eval.FeatureSpaceProvider;
import io.gen4j.eval.SampleMetrics;
import io.gen4j.eval.SavedModelFeatures;
import io.gen4j.security.ModelTrust;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gen4j eval --run DIR}, {@code gen4j eval --samples FILE.npy} and {@code gen4j eval --reference}:
 * FID, KID, IS, class coverage, precision and recall against the dataset's test split, beside the
 * reference row.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j eval --run runs/gan-mnist-20250101-120000   # writes its eval.json",
      "  gen4j eval --samples samples.npy --dataset mnist --n 5000",
      "  gen4j eval --reference           # the feature network and the reference row",
      HelpText.REFERENCE
    },
    description = {
      "Score a run's samples (or a .npy file of samples) against the dataset's test split, beside the reference "
          + "row (real train images: what a perfect generator would score).",
      "The feature network is trained on the dataset the first time (a few minutes) and cached: a classifier of its"
          + " labels, or, for a dataset without labels, a network that tells the rotation of its images. Its figures"
          + " compare gen4j runs on the same dataset; --features DIR measures in a SavedModel of your choice (such"
          + " as an Inception network) instead."
    })
final class EvalCommand implements Callable<Integer> {

  /** The test accuracy the MNIST feature network must reach; {@code --reference} checks it. */
  static final double MNIST_MINIMUM_ACCURACY = 0.99;

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  static final class Source {
    @CommandLine.Option(names = "--run", paramLabel = "DIR", description = "Evaluate samples of this run's latest checkpoint; writes DIR/eval.json (one of --run, --samples,"
        + " --reference is required).")
    Path run;

    @CommandLine.Option(names = "--samples", paramLabel = "FILE.npy", description = "Evaluate the images in this NumPy file: float32, (N, H, W) or (N, H, W, C), values in [0, 1] (one of --run, --samples, --reference is required).")
    Path samples;

    @CommandLine.Option(names = "--reference", description = "Only train (or load) the feature network and print its test accuracy and the reference row (one of --run, --samples, --reference is required).")
    boolean reference;
  }

  @CommandLine.Option(names = "--n", paramLabel = "N", description = "Samples to score (default: 10000 for --run and --reference, every image of --samples).")
  private Integer count;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seeds the samples, the reference images and the KID subsets (default: ${DEFAULT-VALUE}).")
  private long seed;

  @CommandLine.Option(names = "--dataset", paramLabel = "NAME", description = "The dataset for --samples and --reference (default: mnist; --run uses the run's).")
  private String dataset;

  @CommandLine.Option(names = "--out", paramLabel = "FILE.json", description = "Where --samples writes its report (default: FILE-eval.json beside FILE.npy).")
  private Path out;

  @CommandLine.Option(names = "--features", paramLabel = "SAVED_MODEL_DIR", description = "Measure in the features of this SavedModel (tag serve, signature serving_default: one float image input [n, h, w, 1 or 3], one float output [n, d]) instead of gen4j's feature network.")
  private Path features;

  @CommandLine.Option(names = "--features-range", paramLabel = "RANGE", defaultValue = "unit", converter = RangeConverter.class, description = "The pixel range the SavedModel expects: unit [0, 1], symmetric [-1, 1] or byte [0, 255] (default: ${DEFAULT-VALUE}).")
  private SavedModelFeatures.InputRange featuresRange;

  @CommandLine.Option(names = "--features-size", paramLabel = "N", description = "Resize images to N x N for a SavedModel whose input leaves the size open (default: their own size; a fixed input size always wins).")
  private Integer featuresSize;

  @CommandLine.Option(names = "--features-output", paramLabel = "NAME", description = "The SavedModel output holding the features, when it has several (default: its only output).")
  private String featuresOutput;

  @CommandLine.Option(names = "--trust-model",
      description = "Load --features without checking its graph against the allowed ops. DANGEROUS: a model file is"
          + " a program, and an unchecked one can read and write any file gen4j can. Only for models you trust"
          + " (default: off, every model is checked).")
  private boolean trustModel;

  EvalCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    PrintWriter output = spec.commandLine().getOut();
    if (source.run != null && dataset != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--dataset goes with --samples or --reference; --run uses the run's dataset");
    }
    if (out != null && source.samples == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out goes with --samples; --run writes DIR/eval.json");
    }
    EvaluationSettings settings = EvaluationSettings.DEFAULT.withSeed(seed);
    if (count != null) {
      settings = settings.withSamples(count);
    }
    if (features == null && (featuresSize != null || featuresOutput != null || trustModel)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--features-size, --features-output and --trust-model go with --features");
    }
    FeatureSpaceProvider space = features != null
        ? SavedModelFeatures.provider(features, new SavedModelFeatures.Options(featuresRange,
            featuresSize != null ? OptionalInt.of(featuresSize) : OptionalInt.empty(), Optional.ofNullable(featuresOutput)),
            trustModel ? ModelTrust.TRUSTED : ModelTrust.CHECKED)
        : new FeatureNetworkCache(FeatureNetworkCache.defaultDirectory(), ClassifierTraining.DEFAULT);
    String datasetName = dataset != null ? dataset : "mnist";
    int status = 0;
    if (source.run != null) {
      EvaluationReport report = gen4j.get().evaluations().evaluateRun(source.run, settings, space);
      output.print(EvaluationTable.format(report, "model"));
      output.printf("wrote %s%n", source.run.resolve(EvaluationReport.FILE_NAME));
    } else if (source.samples != null) {
      Path target = out != null ? out : defaultOut(source.samples);
      EvaluationReport report = gen4j.get().evaluations().evaluateSamples(
          source.samples, count != null ? count : 0, evaluationDataset(datasetName), settings, space, target);
      output.print(EvaluationTable.format(report, source.samples.getFileName().toString()));
      output.printf("wrote %s%n", target);
    } else {
      status = reference(output, evaluationDataset(datasetName), settings, space);
    }
    output.flush();
    return status;
  }

  /**
   * Prints what the features are and the reference row; fails if gen4j's MNIST classifier is below 99%
   * test accuracy.
   */
  private static int reference(
      PrintWriter output, EvaluationDataset dataset, EvaluationSettings settings, FeatureSpaceProvider features) {
    try (FeatureSpace space = features.open(dataset)) {
      EvaluationReport.FeatureNetworkSummary summary = space.summary();
      output.print(EvaluationTable.features(summary));
      long start = System.nanoTime();
      Evaluator evaluator = new Evaluator(space, dataset.test(), settings);
      SampleMetrics reference = evaluator.score(DatasetSamples.random(dataset.train(), settings.samples(), settings.seed()));
      output.printf(Locale.ROOT, "%d train images against %s's test split (%d images); seed %d, %.0fs%n%n",
          reference.count(), dataset.name(), dataset.test().count(), settings.seed(), (System.nanoTime() - start) / 1e9);
      output.print(EvaluationTable.rows(List.of(EvaluationTable.REFERENCE_LABEL), List.of(reference)));
      if (reference.hasClassMetrics()) {
        output.println();
        output.print(EvaluationTable.histograms(List.of(EvaluationTable.REFERENCE_LABEL), List.of(reference)));
      }
      if (dataset.name().equals("mnist") && summary.kind() == EvaluationReport.FeatureNetworkSummary.Kind.CLASSIFIER
          && summary.testAccuracy() < MNIST_MINIMUM_ACCURACY) {
        output.printf(Locale.ROOT, "FAILED: the MNIST feature network must reach %.0f%% test accuracy%n",
            100 * MNIST_MINIMUM_ACCURACY);
        return Gen4jCommand.FAILURE;
      }
      return 0;
    }
  }

  /** Reads {@code --features-range} by its lower-case name. */
  static final class RangeConverter implements CommandLine.ITypeConverter<SavedModelFeatures.InputRange> {
    @Override
    public SavedModelFeatures.InputRange convert(String value) {
      for (SavedModelFeatures.InputRange range : SavedModelFeatures.InputRange.values()) {
        if (range.name().toLowerCase(Locale.ROOT).equals(value)) {
          return range;
        }
      }
      throw new CommandLine.TypeConversionException(
          "expected unit, symmetric or byte, got '" + value + "'");
    }
  }

  /** Both splits of a dataset type named without fields (mnist, fashion-mnist, ...). */
  private EvaluationDataset evaluationDataset(String type) {
    DatasetCatalog datasets = gen4j.get().datasets();
    return EvaluationDataset.of(datasets.open(datasets.defaults(type)));
  }

  private static Path defaultOut(Path samples) {
    String name = samples.getFileName().toString();
    String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    return samples.resolveSibling(stem + "-eval.json");
  }
}
