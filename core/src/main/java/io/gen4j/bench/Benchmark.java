package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.ImageDataset;
import io.gen4j.graph.Contraction;
import io.gen4j.graph.ContractionCensus;
import io.gen4j.graph.Sessions;
import io.gen4j.graph.ThreadsChoice;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.ObjectiveRunner;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.train.CompiledUpdate;
import io.gen4j.train.ImageInput;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.SessionObjectiveRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Times training iterations of model types: for each type, batch size and mode, it builds the model
 * with its provider's default config and optimizers, runs the warm-up iterations, then times each
 * iteration of the model's own trainer. Real mode feeds the dataset through the {@link BatchPrefetcher}
 * training uses and records how long the iterations waited for it; synthetic mode builds the graph with
 * in-graph images instead. A row that cannot be built or run becomes a {@link BenchFailure}, and the
 * benchmark goes on.
 *
 * <p>Every row also counts the FLOPs of an iteration's matrix products and convolutions and compares
 * the step with the machine's matrix-product peak ({@link #measurePeak}); on request it times those
 * contractions alone at their own shapes ({@link OwnShapePeak}) and traces a few iterations to show
 * where the time goes ({@link OpProfile}).
 *
 * <p>Every row of one process runs with the same thread pools (the first session fixes them for the
 * process): {@link BenchProcesses} runs rows that need other pools in processes of their own.
 */
public final class Benchmark {

  /** The side of the square matrix product whose speed is the machine's peak. */
  public static final int PEAK_SIZE = 1024;

  /** Calls timed to measure the fixed cost of one {@code Session.run}. */
  private static final int SESSION_CALLS = 200;

  private final ModelCatalog catalog;
  private final SideBySide sideBySide;
  private final Map<Contraction, ContractionSpeed> speeds = new HashMap<>();
  private ThreadsConfig sessionThreads;

  /** A benchmark alone on the machine. */
  public Benchmark(ModelCatalog catalog) {
    this(catalog, SideBySide.ALONE);
  }

  /** A benchmark that may run side by side with others timing the same rows. */
  public Benchmark(ModelCatalog catalog, SideBySide sideBySide) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.sideBySide = requireNonNull(sideBySide, "sideBySide is null");
  }

  /**
   * The float32 matrix product {@code [1024, 1024] x [1024, 1024]} timed alone, one chain of them per
   * core ({@link ContractionTimer}), in sessions with the given thread pools: this machine's matmul
   * peak.
   */
  public static ContractionSpeed measurePeak(ThreadsConfig threads) {
    return new ContractionTimer(Sessions.configProto(threads), Runtime.getRuntime().availableProcessors())
        .time(peakContraction());
  }

  /** The contraction whose speed is the peak: {@code [1024, 1024] x [1024, 1024]}. */
  public static Contraction peakContraction() {
    return Contraction.matMul(PEAK_SIZE, PEAK_SIZE, PEAK_SIZE);
  }

  /**
   * The machine's matmul peak as this benchmark measures it ({@link #measurePeak}), in sessions with the
   * thread pools its rows will use ({@link #threads(BenchSettings, ImageDataset)}); measured once.
   */
  public ContractionSpeed peak(BenchSettings settings, ImageDataset dataset) {
    threads(settings, dataset);
    return speed(peakContraction());
  }

  /**
   * Runs a benchmark, measuring the peak first ({@link #peak}).
   *
   * @param dataset the real images (their shape is also the synthetic images' shape)
   * @param onResult told of every row as soon as it is done, for progress output
   * @throws IllegalArgumentException naming the available types if a model type is unknown, before
   *     anything runs
   */
  public BenchReport run(BenchSettings settings, ImageDataset dataset, Consumer<BenchResult> onResult) {
    return run(settings, dataset, peak(settings, dataset), onResult);
  }

  /**
   * Runs a benchmark against a peak measured elsewhere on this machine (by the process that started this
   * one, say).
   */
  public BenchReport run(
      BenchSettings settings, ImageDataset dataset, ContractionSpeed peak, Consumer<BenchResult> onResult) {
    requireNonNull(settings, "settings is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(peak, "peak is null");
    requireNonNull(onResult, "onResult is null");
    List<ModelProvider<?>> providers = providers(settings);
    List<BenchModel> models = providers.stream().map(BenchModel::defaults).toList();
    return run(settings, models, dataset, peak, onResult);
  }

  /**
   * Runs a benchmark of one experiment's model: its type, model config and optimizers (not the
   * defaults), at each of the settings' batch sizes and modes. With the experiment's own dataset this
   * times exactly what training it does per iteration.
   *
   * @param settings its model types must be empty: the experiment names the model
   * @param dataset the real images (their shape is also the synthetic images' shape)
   */
  public BenchReport run(
      BenchSettings settings, ExperimentConfig experiment, ImageDataset dataset, Consumer<BenchResult> onResult) {
    requireNonNull(settings, "settings is null");
    requireNonNull(experiment, "experiment is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(onResult, "onResult is null");
    if (!settings.modelTypes().isEmpty()) {
      throw new IllegalArgumentException("an experiment names its model; give no model types with it");
    }
    BenchModel model = BenchModel.of(catalog, experiment);
    if (sessionThreads == null && settings.threads().automatic()) {
      // chosen for the experiment's own graph
      sessionThreads = automaticThreads(model.build(), settings, dataset);
    }
    return run(settings, List.of(model), dataset, peak(settings, dataset), onResult);
  }

  private BenchReport run(
      BenchSettings settings, List<BenchModel> models, ImageDataset dataset, ContractionSpeed peak,
      Consumer<BenchResult> onResult) {
    BenchEnvironment environment = BenchEnvironment.current();
    ThreadsConfig threads = threads(settings, dataset);
    speeds.putIfAbsent(peak.contraction(), peak);
    boolean resetWorks = ResidentMemory.resetPeak();
    List<BenchResult> results = new ArrayList<>();
    for (BenchModel model : models) {
      for (int batchSize : settings.batchSizes()) {
        for (BenchMode mode : settings.modes()) {
          BenchResult result = row(model, batchSize, mode, settings, dataset, peak, threads);
          results.add(result);
          onResult.accept(result);
        }
      }
    }
    return new BenchReport(environment, settings, peak, ResidentMemory.method(resetWorks), results);
  }

  /**
   * The thread pools of every session this benchmark creates. The first session of a process fixes
   * them for the whole process, so they are chosen once: the settings' own, or, when automatic, gen4j's
   * choice for the first model type ({@link #automaticThreads}).
   */
  public ThreadsConfig threads(BenchSettings settings, ImageDataset dataset) {
    if (sessionThreads == null) {
      sessionThreads = settings.threads().automatic()
          ? automaticThreads(modelTypes(settings).get(0), settings, dataset)
          : settings.threads();
    }
    return sessionThreads;
  }

  /**
   * gen4j's automatic thread pools for a model type's default training graph at the first batch size
   * of {@code settings} ({@link ThreadsChoice}), on this machine's cores; builds the graph, opens no
   * session.
   */
  public ThreadsConfig automaticThreads(String modelType, BenchSettings settings, ImageDataset dataset) {
    return automaticThreads(BenchModel.defaults(catalog.provider(modelType)).build(), settings, dataset);
  }

  private static ThreadsConfig automaticThreads(BuiltModel defaults, BenchSettings settings, ImageDataset dataset) {
    try (ModelAssembly assembly = ModelAssembly.build(defaults.model(), dataset.shape(), dataset.classCount(),
        settings.batchSizes().get(0), settings.seed(), defaults.optimizers(), ImageInput.SYNTHETIC)) {
      return Sessions.resolve(assembly.graph(), ThreadsConfig.DEFAULT);
    }
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

  private ContractionSpeed speed(Contraction contraction) {
    return speeds.computeIfAbsent(contraction, key -> new ContractionTimer(
        Sessions.configProto(requireNonNull(sessionThreads, "threads not chosen yet")),
        Runtime.getRuntime().availableProcessors()).time(key));
  }

  private BenchResult row(
      BenchModel model, int batchSize, BenchMode mode, BenchSettings settings, ImageDataset dataset,
      ContractionSpeed peak, ThreadsConfig threads) {
    ResidentMemory.resetPeak();
    try {
      return measure(model.type(), model.build(), batchSize, mode, settings, dataset, peak, threads);
    } catch (RuntimeException e) {
      return new BenchFailure(model.type(), mode, batchSize, oneLine(e));
    }
  }

  private BenchMeasurement measure(
      String modelType, BuiltModel built, int batchSize, BenchMode mode, BenchSettings settings,
      ImageDataset dataset, ContractionSpeed peak, ThreadsConfig threads) {
    GenerativeModel model = built.model();
    TrainerProvider trainerProvider = catalog.trainerFor(model);
    long seed = settings.seed();
    Optional<BatchPrefetcher> batches = Optional.empty();
    try (ModelAssembly assembly = ModelAssembly.build(
            model, dataset.shape(), dataset.classCount(), batchSize, seed, built.optimizers(), mode.imageInput());
        Session session = Sessions.open(assembly.graph(), threads)) {
      session.initialize();
      if (mode == BenchMode.REAL) {
        batches = Optional.of(new BatchPrefetcher(dataset, batchSize, seed, model.pixelRange(), 0));
      }
      try (SessionObjectiveRunner sessionRunner = batches.isPresent()
          ? new SessionObjectiveRunner(session, assembly, batches.get(), dataset.shape(), batchSize, seed, 0)
          : SessionObjectiveRunner.withoutData(session, assembly, dataset.shape(), batchSize, seed)) {
        Iterations iterations = new Iterations(
            trainerProvider.create(assembly.modelGraph(), model.trainerSettings()), sessionRunner);
        iterations.run(settings.warmupIterations());
        OptionalLong afterWarmup = ResidentMemory.currentBytes();
        sideBySide.beforeTiming().run();
        long batchesBefore = sessionRunner.batchesConsumed();
        long waitBefore = batches.map(BatchPrefetcher::waitNanos).orElse(0L);
        long runNanosBefore = sessionRunner.sessionRunNanos();
        long runsBefore = sessionRunner.sessionRuns();
        long[] nanos = iterations.run(settings.iterations());
        long waited = batches.map(BatchPrefetcher::waitNanos).orElse(0L) - waitBefore;
        long total = Arrays.stream(nanos).sum();
        long runNanos = sessionRunner.sessionRunNanos() - runNanosBefore;
        long runs = sessionRunner.sessionRuns() - runsBefore;
        int batchesPerIteration = (int) ((sessionRunner.batchesConsumed() - batchesBefore) / nanos.length);
        IterationStatistics statistics = IterationStatistics.ofNanos(nanos);
        OptionalLong peakResident = ResidentMemory.peakBytes();
        OptionalLong atEnd = ResidentMemory.currentBytes();
        double loadAverage = BenchEnvironment.loadAverage();

        Map<Contraction, Integer> contractions = contractionsPerIteration(iterations.lastUpdates());
        long flops = ContractionCensus.flops(contractions);
        double floorMillis = flops / (peak.gflopsPerSecond() * 1e9) * 1e3;
        OpProfile profile = null;
        if (settings.tracedIterations() > 0) {
          double callMicros = sessionCallMicros(session, assembly, batchSize, dataset, mode);
          OpTimes times = new OpTimes();
          sessionRunner.trace(times::add);
          iterations.run(settings.tracedIterations());
          sessionRunner.trace(null);
          double javaShare = total == 0 ? 0 : Math.max(0, (double) (total - runNanos) / total);
          double callShare = total == 0 ? 0 : Math.min(1 - javaShare, runs * callMicros * 1e3 / total);
          profile = times.profile(
              settings.tracedIterations(), flops, javaShare, callShare, (double) runs / nanos.length, callMicros);
        }
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
            peakResident.isPresent() ? peakResident.getAsLong() : null,
            loadAverage,
            afterWarmup.isPresent() ? afterWarmup.getAsLong() : null,
            atEnd.isPresent() ? atEnd.getAsLong() : null,
            flops,
            floorMillis,
            floorMillis / statistics.median(),
            settings.ownShapePeaks() ? ownShapes(contractions) : null,
            profile,
            threads,
            sideBySide.processes());
      }
    } finally {
      batches.ifPresent(BatchPrefetcher::close);
    }
  }

  /**
   * The contractions of one iteration that ran {@code updates}, counted over every update (an update
   * that included a lazy term counts the term's contractions, the others do not).
   */
  private static Map<Contraction, Integer> contractionsPerIteration(List<CompiledUpdate> updates) {
    Map<CompiledUpdate, Map<Contraction, Integer>> perUpdate = new HashMap<>();
    Map<Contraction, Integer> counts = new LinkedHashMap<>();
    for (CompiledUpdate update : updates) {
      perUpdate.computeIfAbsent(update, key -> {
        List<Op> targets = new ArrayList<>();
        targets.add(key.op());
        targets.addAll(key.metricValues());
        return ContractionCensus.of(targets);
      }).forEach((contraction, count) -> counts.merge(contraction, count, Integer::sum));
    }
    return counts;
  }

  private OwnShapePeak ownShapes(Map<Contraction, Integer> contractions) {
    List<OwnShapePeak.Use> uses = new ArrayList<>();
    contractions.forEach((contraction, count) -> uses.add(new OwnShapePeak.Use(count, speed(contraction))));
    return OwnShapePeak.of(uses);
  }

  /**
   * The median wall time of a {@code Session.run} with an update's feeds (the noise key, the step and,
   * with real data, a batch of images) that fetches one scalar constant of the graph and runs nothing
   * else; 0 if the graph has no scalar constant.
   */
  private static double sessionCallMicros(
      Session session, ModelAssembly assembly, int batchSize, ImageDataset dataset, BenchMode mode) {
    Optional<GraphOperation> constant = scalarConstant(assembly.graph());
    if (constant.isEmpty()) {
      return 0;
    }
    long[] nanos = new long[SESSION_CALLS];
    Shape shape = Shape.of(batchSize, dataset.shape().height(), dataset.shape().width(), dataset.shape().channels());
    try (TFloat32 images = TFloat32.tensorOf(shape)) {
      for (int call = -SESSION_CALLS / 10; call < SESSION_CALLS; call++) {
        long start = System.nanoTime();
        try (TInt64 key = TInt64.vectorOf(1, call); TInt64 step = TInt64.scalarOf(call)) {
          Session.Runner runner = session.runner().feed(assembly.noiseKey(), key).feed(assembly.step(), step)
              .fetch(constant.get().output(0));
          if (mode == BenchMode.REAL) {
            runner.feed(assembly.realImages(), images);
          }
          try (Result result = runner.run()) {
            if (call >= 0) {
              nanos[call] = System.nanoTime() - start;
            }
          }
        }
      }
    }
    Arrays.sort(nanos);
    return nanos[nanos.length / 2] / 1e3;
  }

  private static Optional<GraphOperation> scalarConstant(Graph graph) {
    Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      GraphOperation operation = operations.next();
      if (operation.type().equals("Const") && operation.output(0).shape().numDimensions() == 0) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  /**
   * Runs a trainer's iterations one after another, numbering them from 0, and remembers which update
   * ops the last one ran (with or without a lazy term).
   */
  private static final class Iterations implements ObjectiveRunner {

    private final Trainer trainer;
    private final SessionObjectiveRunner runner;
    private final List<CompiledUpdate> updates = new ArrayList<>();
    private long next;

    Iterations(Trainer trainer, SessionObjectiveRunner runner) {
      this.trainer = trainer;
      this.runner = runner;
    }

    /** Runs {@code count} iterations and returns the wall nanoseconds of each. */
    long[] run(int count) {
      long[] nanos = new long[count];
      for (int i = 0; i < count; i++, next++) {
        long start = System.nanoTime();
        updates.clear();
        runner.startIteration(next);
        trainer.iteration(this);
        nanos[i] = System.nanoTime() - start;
      }
      return nanos;
    }

    List<CompiledUpdate> lastUpdates() {
      return List.copyOf(updates);
    }

    @Override
    public long step() {
      return runner.step();
    }

    @Override
    public Map<String, Float> update(String objective) {
      Map<String, Float> metrics = runner.update(objective);
      updates.add(runner.lastUpdate().orElseThrow());
      return metrics;
    }
  }

  /** A model and its optimizers, ready to time. */
  private record BuiltModel(GenerativeModel model, Map<String, OptimizerConfig> optimizers) {}

  /** A model type to time, built anew for every row: with its provider's defaults, or as an experiment says. */
  private record BenchModel(String type, Supplier<BuiltModel> builder) {

    BuiltModel build() {
      return builder.get();
    }

    static BenchModel defaults(ModelProvider<?> provider) {
      return new BenchModel(provider.name(), () -> typed(provider));
    }

    static BenchModel of(ModelCatalog catalog, ExperimentConfig experiment) {
      return new BenchModel(experiment.modelType(),
          () -> new BuiltModel(catalog.createModel(experiment), experiment.training().optimizers()));
    }

    private static <C extends ModelConfig> BuiltModel typed(ModelProvider<C> provider) {
      C config = provider.defaultConfig();
      return new BuiltModel(provider.create(config), provider.defaultOptimizers(config));
    }
  }
}
