package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.ImageDataset;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.SessionObjectiveRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.tensorflow.Session;

/**
 * Times training iterations of model types: for each type, batch size and mode, it builds the model
 * with its provider's default config and optimizers, runs the warm-up iterations, then times each
 * iteration of the model's own trainer. Real mode feeds the dataset through the {@link BatchPrefetcher}
 * training uses and records how long the iterations waited for it; synthetic mode builds the graph with
 * in-graph images instead. A row that cannot be built or run becomes a {@link BenchFailure}, and the
 * benchmark goes on.
 */
public final class Benchmark {

  private final ModelCatalog catalog;

  public Benchmark(ModelCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /**
   * Runs a benchmark.
   *
   * @param dataset the real images (their shape is also the synthetic images' shape)
   * @param onResult told of every row as soon as it is done, for progress output
   * @throws IllegalArgumentException naming the available types if a model type is unknown, before
   *     anything runs
   */
  public BenchReport run(BenchSettings settings, ImageDataset dataset, Consumer<BenchResult> onResult) {
    requireNonNull(settings, "settings is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(onResult, "onResult is null");
    List<ModelProvider<?>> providers = providers(settings);
    BenchEnvironment environment = BenchEnvironment.current();
    boolean resetWorks = ResidentMemory.resetPeak();
    List<BenchResult> results = new ArrayList<>();
    for (ModelProvider<?> provider : providers) {
      for (int batchSize : settings.batchSizes()) {
        for (BenchMode mode : settings.modes()) {
          BenchResult result = row(provider, batchSize, mode, settings, dataset);
          results.add(result);
          onResult.accept(result);
        }
      }
    }
    return new BenchReport(environment, settings, ResidentMemory.method(resetWorks), results);
  }

  /**
   * The model types {@code settings} select, in the order they will run: the named ones without
   * repeats, or every discovered type, sorted.
   *
   * @throws IllegalArgumentException naming the available types if a model type is unknown
   */
  public List<String> modelTypes(BenchSettings settings) {
    return providers(settings).stream().map(ModelProvider::name).toList();
  }

  private List<ModelProvider<?>> providers(BenchSettings settings) {
    if (settings.modelTypes().isEmpty()) {
      return List.copyOf(catalog.models().values());
    }
    List<ModelProvider<?>> providers = new ArrayList<>();
    for (String type : new LinkedHashSet<>(settings.modelTypes())) {
      providers.add(catalog.provider(type));
    }
    return providers;
  }

  private BenchResult row(
      ModelProvider<?> provider, int batchSize, BenchMode mode, BenchSettings settings, ImageDataset dataset) {
    ResidentMemory.resetPeak();
    try {
      return measure(provider.name(), DefaultModel.of(provider), batchSize, mode, settings, dataset);
    } catch (RuntimeException e) {
      return new BenchFailure(provider.name(), mode, batchSize, oneLine(e));
    }
  }

  private BenchMeasurement measure(
      String modelType, DefaultModel defaults, int batchSize, BenchMode mode, BenchSettings settings,
      ImageDataset dataset) {
    GenerativeModel model = defaults.model();
    TrainerProvider trainerProvider = catalog.trainerFor(model);
    long seed = settings.seed();
    try (ModelAssembly assembly = ModelAssembly.build(
            model, dataset.shape(), dataset.classCount(), batchSize, seed, defaults.optimizers(), mode.imageInput());
        Session session = new Session(assembly.graph())) {
      session.initialize();
      Trainer trainer = trainerProvider.create(assembly.modelGraph(), model.trainerSettings());
      Optional<BatchPrefetcher> batches = mode == BenchMode.REAL
          ? Optional.of(new BatchPrefetcher(dataset, batchSize, seed, model.pixelRange(), 0))
          : Optional.empty();
      try {
        SessionObjectiveRunner runner = batches
            .map(prefetcher -> new SessionObjectiveRunner(
                session, assembly, prefetcher, dataset.shape(), batchSize, seed, 0))
            .orElseGet(() -> SessionObjectiveRunner.withoutData(session, assembly, dataset.shape(), batchSize, seed));
        long iteration = 0;
        for (; iteration < settings.warmupIterations(); iteration++) {
          runner.startIteration(iteration);
          trainer.iteration(runner);
        }
        OptionalLong afterWarmup = ResidentMemory.currentBytes();
        long[] nanos = new long[settings.iterations()];
        long batchesBefore = runner.batchesConsumed();
        long waitBefore = batches.map(BatchPrefetcher::waitNanos).orElse(0L);
        for (int timed = 0; timed < nanos.length; timed++, iteration++) {
          long start = System.nanoTime();
          runner.startIteration(iteration);
          trainer.iteration(runner);
          nanos[timed] = System.nanoTime() - start;
        }
        long waited = batches.map(BatchPrefetcher::waitNanos).orElse(0L) - waitBefore;
        long total = Arrays.stream(nanos).sum();
        int batchesPerIteration = (int) ((runner.batchesConsumed() - batchesBefore) / nanos.length);
        IterationStatistics statistics = IterationStatistics.ofNanos(nanos);
        OptionalLong peak = ResidentMemory.peakBytes();
        OptionalLong atEnd = ResidentMemory.currentBytes();
        return new BenchMeasurement(
            modelType,
            mode,
            batchSize,
            trainerProvider.name(),
            settings.warmupIterations(),
            settings.iterations(),
            batchesPerIteration,
            statistics,
            (double) batchesPerIteration * batchSize * 1000 / statistics.median(),
            total == 0 ? 0 : Math.min(1, (double) waited / total),
            peak.isPresent() ? peak.getAsLong() : null,
            BenchEnvironment.loadAverage(),
            afterWarmup.isPresent() ? afterWarmup.getAsLong() : null,
            atEnd.isPresent() ? atEnd.getAsLong() : null);
      } finally {
        batches.ifPresent(BatchPrefetcher::close);
      }
    }
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  /** A model built from its provider's default config, with the default optimizers. */
  private record DefaultModel(GenerativeModel model, Map<String, OptimizerConfig> optimizers) {

    static DefaultModel of(ModelProvider<?> provider) {
      return typed(provider);
    }

    private static <C extends ModelConfig> DefaultModel typed(ModelProvider<C> provider) {
      C config = provider.defaultConfig();
      return new DefaultModel(provider.create(config), provider.defaultOptimizers(config));
    }
  }
}
