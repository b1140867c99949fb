package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.data.DatasetException;
import io.gen4j.data.ImageDataset;
import io.gen4j.data.LoadedDataset;
import io.gen4j.files.AtomicFiles;
import io.gen4j.graph.Sessions;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.inject.PluginJar;
import io.gen4j.inject.Plugins;
import io.gen4j.inject.PluginException;
import io.gen4j.report.LossPlotWriter;
import io.gen4j.report.MetricKinds;
import io.gen4j.report.RunReportWriter;
import io.gen4j.report.RunStatus;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.tensorboard.TensorBoardWriter;
import io.gen4j.train.listeners.LogLines;
import io.gen4j.train.listeners.MetricsFileWriter;
import io.gen4j.train.listeners.SampleGridWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;

/** Trains, resumes and samples runs: what the {@code train} and {@code sample} commands do. */
@Singleton
public final class Experiments {

  private static final Logger LOG = LoggerFactory.getLogger(Experiments.class);

  private final ModelCatalog catalog;
  private final ConfigLoader configLoader;
  private final DatasetCatalog datasets;
  private final Supplier<? extends TrainingListener> progress;

  @Inject
  public Experiments(ModelCatalog catalog, ConfigLoader configLoader, DatasetCatalog datasets) {
    this(catalog, configLoader, datasets, LogLines::orPrinted);
  }

  private Experiments(
      ModelCatalog catalog, ConfigLoader configLoader, DatasetCatalog datasets,
      Supplier<? extends TrainingListener> progress) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.configLoader = requireNonNull(configLoader, "configLoader is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * These experiments with another progress display. By default {@link LogLines} (plain lines through
   * SLF4J, right for CI and redirected output) where an SLF4J binding is on the class path, and {@link
   * io.gen4j.train.listeners.PrintedProgress} (the same lines printed to standard error) where none is;
   * {@link io.gen4j.train.listeners.ProgressBarDisplay} for a terminal.
   *
   * @param progress makes the display's listener, once per run
   */
  public Experiments withProgress(Supplier<? extends TrainingListener> progress) {
    return new Experiments(catalog, configLoader, datasets, progress);
  }

  /**
   * Trains an experiment in a new run directory, which gets the resolved config, provenance, metrics,
   * sample grids and checkpoints. A config mistake found here leaves no run directory; a plugin model whose
   * graph fails to build leaves one marked failed in {@code status.json} and the report.
   *
   * @param listeners added to the built-in listeners: metrics file, sample grids, progress (log lines
   *     unless {@link #withProgress} chose another), metrics plot, TensorBoard and run report
   */
  public TrainingResult train(ExperimentConfig config, List<TrainingListener> listeners) {
    return train(config, listeners, List.of());
  }

  /**
   * Trains an experiment whose config was read with overrides ({@code gen4j train --set}); the resolved
   * {@code config.json} holds the overridden values, and {@code provenance.json} lists the overrides.
   */
  public TrainingResult train(ExperimentConfig config, List<TrainingListener> listeners, List<ConfigOverride> overrides) {
    GenerativeModel model = catalog.createModel(config);
    LoadedDataset data = datasets.open(config.data());
    ImageDataset training = data.training(config.data().limit());
    try {
      requireTrainable(config, model, training, data.classCount());
    } catch (PluginException e) {
      // A config mistake leaves no run directory; a plugin's model that cannot build its graph is a failed
      // run, and its directory says why.
      RunDirectory failed = RunDirectory.create(config.output().runsPath(), config.name(), LocalDateTime.now());
      try (RunLock lock = RunLock.acquire(failed, LOG::warn)) {
        AtomicFiles.write(failed.configFile(), configLoader.toJson(config).getBytes(StandardCharsets.UTF_8));
        new RunReportWriter(failed).onFailure(new TrainingFailed(0, e));
      }
      throw e;
    }
    RunDirectory run = RunDirectory.create(config.output().runsPath(), config.name(), LocalDateTime.now());
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      write(run.configFile(), configLoader.toJson(config));
      write(run.provenanceFile(), RunProvenance.json(config, data, training, catalog.plugins(), overrides));
      return trainLocked(config, model, data, training, run, listeners, Optional.empty(), List.of());
    }
  }

  /**
   * Trains the experiment of a run directory prepared for it, which holds only its resolved {@code
   * config.json} (a sweep's run, say): whatever an earlier process wrote there before its first
   * checkpoint is replaced. {@code config.json} stays as it is.
   *
   * <p>A run that cannot start (its model, data or graph fails before the first step) is marked failed in
   * {@code status.json} and the report, with the error's message.
   *
   * @param threads the thread pool sizes for this process, in place of the config's (recorded in {@code
   *     provenance.json})
   * @throws RunDirectoryException if another process is training the run
   */
  public TrainingResult trainIn(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      run.clearTrainingOutput();
      ExperimentConfig config;
      GenerativeModel model;
      LoadedDataset data;
      ImageDataset training;
      try {
        config = withThreads(runConfig(runDirectory), threads);
        model = catalog.createModel(config);
        data = datasets.open(config.data());
        training = data.training(config.data().limit());
        requireTrainable(config, model, training, data.classCount());
      } catch (RuntimeException e) {
        // The run directory exists (a sweep made it): it says why the run never started.
        new RunReportWriter(run).onFailure(new TrainingFailed(0, e));
        throw e;
      }
      write(run.provenanceFile(), RunProvenance.json(config, data, training, catalog.plugins(), List.of()));
      return trainLocked(config, model, data, training, run, listeners, Optional.empty(), List.of());
    }
  }

  /**
   * Continues an interrupted run from its newest intact checkpoint, with the config it was started
   * with. Damaged newer checkpoints are skipped with a warning; a run without any checkpoint (killed
   * before its first) starts again from step 0, which gives the same run as an uninterrupted one.
   *
   * @throws IllegalArgumentException when the run has finished, changing nothing: {@link #resume(Path,
   *     long, List)} extends it
   * @throws RunDirectoryException if another process is training the run
   */
  public TrainingResult resume(Path runDirectory, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    // before taking the lock, which would touch the run's train.lock: a refused resume changes nothing
    if (RunStatus.read(run.statusFile()) instanceof RunStatus.Finished finished) {
      throw new IllegalArgumentException(run.path() + ": the run has finished (step " + finished.step()
          + "); nothing was changed. To train it further, resume it with a new length: gen4j train --resume "
          + run.path() + " --steps N (N more than " + finished.step() + ")");
    }
    return resume(run, runConfig(runDirectory), OptionalLong.empty(), listeners);
  }

  /**
   * Continues a run from its latest checkpoint, with the config it was started with but other thread
   * pool sizes for this process (a sweep gives each of its processes a share of the cores).
   */
  public TrainingResult resume(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = withThreads(runConfig(runDirectory), threads);
    return resume(run, config, OptionalLong.empty(), listeners);
  }

  /**
   * Continues a run, finished or not, from its newest intact checkpoint up to {@code totalSteps} steps:
   * its {@code config.json} is rewritten with {@code training.steps} = {@code totalSteps} (and {@code
   * epochs} 0), which must be more than the checkpoint's step; otherwise nothing is changed.
   *
   * @throws IllegalArgumentException when {@code totalSteps} is not more than the steps done
   * @throws RunDirectoryException if another process is training the run
   */
  public TrainingResult resume(Path runDirectory, long totalSteps, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    return resume(run, runConfig(runDirectory), OptionalLong.of(totalSteps), listeners);
  }

  /** Resumes a run with its recorded length, or with {@code totalSteps} when present. */
  private TrainingResult resume(
      RunDirectory run, ExperimentConfig runConfig, OptionalLong totalSteps, List<TrainingListener> listeners) {
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      List<TrainingWarning> warnings = new ArrayList<>();
      Optional<Checkpoint> checkpoint = new Checkpointer(run.checkpointsDirectory(), runConfig.training().keepCheckpoints())
          .latest(skipped -> warnings.add(new TrainingWarning(0, "checkpoint-skipped", skipped)));
      ExperimentConfig config = runConfig;
      if (totalSteps.isPresent()) {
        long done = checkpoint.map(start -> start.state().step()).orElse(0L);
        if (totalSteps.getAsLong() <= done) {
          throw new IllegalArgumentException(run.path() + ": --steps " + totalSteps.getAsLong() + " must be more than the "
              + done + " steps the run has done; nothing was changed");
        }
        config = runConfig.withTraining(runConfig.training().withSteps(totalSteps.getAsLong()));
      }
      GenerativeModel model = catalog.createModel(config);
      LoadedDataset data = datasets.open(config.data());
      ImageDataset training = data.training(config.data().limit());
      if (totalSteps.isPresent()) {
        // only once the model and data are found, so that a failure leaves config.json as it was
        write(run.configFile(), configLoader.toJson(config));
      }
      if (checkpoint.isEmpty()) {
        warnings.add(new TrainingWarning(0, "restarted",
            run.path() + " has no intact checkpoint (stopped before its first); training it again from step 0"));
      }
      return trainLocked(config, model, data, training, run, listeners, checkpoint, warnings);
    }
  }

  /** Trains in a run directory whose lock this process holds, with disk space held in reserve. */
  private TrainingResult trainLocked(
      ExperimentConfig config, GenerativeModel model, LoadedDataset data, ImageDataset training, RunDirectory run,
      List<TrainingListener> listeners, Optional<Checkpoint> start, List<TrainingWarning> warnings) {
    run.reserveSpace();
    try {
      return loop(config, model, data, training, run, listeners).run(start, warnings);
    } finally {
      run.releaseReserve();
    }
  }

  /**
   * Checks what only the dataset and the built graph tell, before a run directory exists: the batch
   * fits in the dataset, and the model's estimated memory in the machine's.
   *
   * @throws ConfigException naming the experiment and the field
   */
  private static void requireTrainable(
      ExperimentConfig config, GenerativeModel model, ImageDataset dataset, int classCount) {
    requireLabelsIfUsed(config, model, dataset);
    String experiment = "experiment '" + config.name() + "': ";
    if (config.data().batchSize() > dataset.count()) {
      throw new ConfigException(experiment + "$.data.batchSize: " + config.data().batchSize() + " is more than the "
          + dataset.count() + " images of " + dataset.name() + (config.data().limit() > 0 ? " (data.limit)" : ""));
    }
    MemoryEstimate estimate;
    try (ModelAssembly assembly = ModelAssembly.build(model, dataset.shape(), classCount, config.data().batchSize(),
        config.seed(), config.training().optimizers(), ImageInput.FED)) {
      estimate = MemoryEstimate.of(assembly.graph());
    }
    OptionalLong machine = MemoryEstimate.machineBytes();
    if (machine.isPresent() && estimate.bytes() > machine.getAsLong()) {
      throw new ConfigException(experiment + "$.model: at batch size " + config.data().batchSize() + " the model needs"
          + " about " + MemoryEstimate.gibibytes(estimate.bytes()) + " (" + estimate.variableValues() + " variable and "
          + estimate.activationValues() + " activation values), more than this machine's "
          + MemoryEstimate.gibibytes(machine.getAsLong()) + "; make the model or $.data.batchSize smaller");
    }
  }

  private static ExperimentConfig withThreads(ExperimentConfig config, ThreadsConfig threads) {
    return config.withTraining(config.training().withThreads(requireNonNull(threads, "threads is null")));
  }

  /** The resolved config a run was started with. */
  public ExperimentConfig runConfig(Path runDirectory) {
    return configLoader.load(RunDirectory.open(runDirectory).configFile());
  }

  /**
   * The dataset a run was trained on, as its config names it: its train split, and the test split that
   * evaluation and held-out scores use.
   */
  public LoadedDataset runDataset(Path runDirectory) {
    return datasets.open(runConfig(runDirectory).data());
  }

  /**
   * The shape of a run's images: recorded in its {@code provenance.json}, or for a run without that
   * record, the shape of its dataset's images.
   */
  public ImageShape imageShape(Path runDirectory) {
    RunDirectory run = RunDirectory.open(runDirectory);
    return RunProvenance.imageShape(run.provenanceFile())
        .orElseGet(() -> datasets.open(runConfig(runDirectory).data()).train().shape());
  }

  /**
   * The number of classes of a run's labels (0 if unlabelled): recorded in its {@code provenance.json},
   * or for a run without that record, its dataset's.
   */
  public int classCount(Path runDirectory) {
    RunDirectory run = RunDirectory.open(runDirectory);
    return RunProvenance.classCount(run.provenanceFile())
        .orElseGet(() -> datasets.open(runConfig(runDirectory).data()).classCount());
  }

  /**
   * Generates images with a run's latest checkpoint; a conditional model draws image {@code i} of class
   * {@code i % classes}.
   *
   * @param count how many images
   * @param seed seeds the latent batch; the run's seed gives the batch of its sample grids
   */
  public ImageBatch sample(Path runDirectory, int count, long seed) {
    return sample(runDirectory, count, seed, Optional.empty());
  }

  /**
   * Generates images of the given classes with a conditional run's latest checkpoint.
   *
   * @param labels one class label per image, each in [0, number of classes)
   * @param seed seeds the latent batch
   * @throws IllegalArgumentException naming the problem when the run's model is not conditional or a
   *     label is no class of its dataset
   */
  public ImageBatch sample(Path runDirectory, int[] labels, long seed) {
    requireNonNull(labels, "labels is null");
    return sample(runDirectory, labels.length, seed, Optional.of(labels));
  }

  private ImageBatch sample(Path runDirectory, int count, long seed, Optional<int[]> labels) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of samples must be at least 1, got " + count);
    }
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = runConfig(runDirectory);
    Checkpoint checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .require(runDirectory, "sample from");
    GenerativeModel model = catalog.createModel(config);
    ImageShape shape = imageShape(runDirectory);
    try (ModelAssembly assembly = ModelAssembly.build(model, shape, classCount(runDirectory),
            config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED);
        Session session = Sessions.open(assembly.graph(), config.training())) {
      Checkpointer.restore(session, assembly.graph(), checkpoint);
      Sampler sampler = new Sampler(session, assembly, shape, model.pixelRange());
      if (labels.isPresent() && !sampler.conditional()) {
        throw new IllegalArgumentException(runDirectory + ": model " + config.modelType()
            + " is not conditional: it samples from latent vectors alone, without class labels");
      }
      float[] latents = Sampler.gaussianLatents(seed, count, assembly.latentSize());
      return labels.isPresent() ? sampler.decode(latents, labels.get(), count) : sampler.decode(latents, count);
    }
  }

  /**
   * The number of classes a run's model samples from: its dataset's, for a conditional model; 0 for a
   * model that takes no labels.
   */
  public int sampleClasses(Path runDirectory) {
    ExperimentConfig config = runConfig(runDirectory);
    GenerativeModel model = catalog.createModel(config);
    if (!model.usesLabels()) {
      return 0;
    }
    return classCount(runDirectory);
  }

  private static void requireLabelsIfUsed(ExperimentConfig config, GenerativeModel model, ImageDataset dataset) {
    if (model.usesLabels() && !dataset.labelled()) {
      throw new DatasetException(
          "model '" + config.modelType() + "' is conditional and needs a labelled dataset, but " + dataset.name()
              + " has no labels (data section of the config)");
    }
  }

  private TrainingLoop loop(
      ExperimentConfig config, GenerativeModel model, LoadedDataset data, ImageDataset training, RunDirectory run,
      List<TrainingListener> extra) {
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new MetricsFileWriter(run.metricsFile()));
    listeners.add(new MetricKinds.Writer(run.metricKindsFile()));
    listeners.add(new SampleGridWriter(run.samplesDirectory()));
    listeners.add(progress.get());
    // The plot and the report read metrics.jsonl and samples/, so they come after the writers of those.
    listeners.add(new LossPlotWriter(run.metricsFile(), run.metricKindsFile(), run.lossPlot()));
    listeners.add(new TensorBoardWriter(run.tensorBoardDirectory(), config.training().threads()));
    listeners.add(new RunReportWriter(run));
    listeners.addAll(extra);
    return new TrainingLoop(config, model, catalog.trainerFor(model), training, data.test(), data.classCount(), run,
        listeners);
  }

  private static void write(Path file, String text) {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
