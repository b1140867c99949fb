package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.DatasetException;
import io.gen4j.data.Datasets;
import io.gen4j.data.ImageDataset;
import io.gen4j.files.AtomicFiles;
import io.gen4j.graph.Sessions;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.report.LossPlotWriter;
import io.gen4j.report.RunReportWriter;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.tensorboard.TensorBoardWriter;
import io.gen4j.train.listeners.LogLines;
import io.gen4j.train.listeners.MetricsFileWriter;
import io.gen4j.train.listeners.SampleGridWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;

/** Trains, resumes and samples runs: what the {@code train} and {@code sample} commands do. */
@Singleton
public final class Experiments {

  private static final Logger LOG = LoggerFactory.getLogger(Experiments.class);

  private final ModelCatalog catalog;
  private final ConfigLoader configLoader;
  private final Supplier<? extends TrainingListener> progress;

  @Inject
  public Experiments(ModelCatalog catalog, ConfigLoader configLoader) {
    this(catalog, configLoader, LogLines::new);
  }

  private Experiments(ModelCatalog catalog, ConfigLoader configLoader, Supplier<? extends TrainingListener> progress) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.configLoader = requireNonNull(configLoader, "configLoader is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * These experiments with another progress display: {@link LogLines} by default (plain lines, right
   * for CI and redirected output), {@link io.gen4j.train.listeners.ProgressBarDisplay} for a terminal.
   *
   * @param progress makes the display's listener, once per run
   */
  public Experiments withProgress(Supplier<? extends TrainingListener> progress) {
    return new Experiments(catalog, configLoader, progress);
  }

  /**
   * Trains an experiment in a new run directory, which gets the resolved config, provenance, metrics,
   * sample grids and checkpoints.
   *
   * @param listeners added to the built-in listeners: metrics file, sample grids, progress (log lines
   *     unless {@link #withProgress} chose another), metrics plot, TensorBoard and run report
   */
  public TrainingResult train(ExperimentConfig config, List<TrainingListener> listeners) {
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    requireTrainable(config, model, dataset);
    RunDirectory run = RunDirectory.create(config.output().runsPath(), config.name(), LocalDateTime.now());
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      AtomicFiles.write(run.configFile(), configLoader.toJson(config).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(run.provenanceFile(), provenance(config, dataset).getBytes(StandardCharsets.UTF_8));
      return trainLocked(config, model, dataset, run, listeners, Optional.empty(), List.of());
    }
  }

  /**
   * Trains the experiment of a run directory prepared for it, which holds only its resolved {@code
   * config.json} (a sweep's run, say): whatever an earlier process wrote there before its first
   * checkpoint is replaced. {@code config.json} stays as it is.
   *
   * @param threads the thread pool sizes for this process, in place of the config's (recorded in {@code
   *     provenance.json})
   * @throws RunDirectoryException if another process is training the run
   */
  public TrainingResult trainIn(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = withThreads(runConfig(runDirectory), threads);
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    requireTrainable(config, model, dataset);
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      run.clearTrainingOutput();
      AtomicFiles.write(run.provenanceFile(), provenance(config, dataset).getBytes(StandardCharsets.UTF_8));
      return trainLocked(config, model, dataset, run, listeners, Optional.empty(), List.of());
    }
  }

  /**
   * Continues a run from its newest intact checkpoint, with the config it was started with. Damaged
   * newer checkpoints are skipped with a warning; a run without any checkpoint (killed before its
   * first) starts again from step 0, which gives the same run as an uninterrupted one.
   *
   * @throws RunDirectoryException if another process is training the run
   */
  public TrainingResult resume(Path runDirectory, List<TrainingListener> listeners) {
    return resume(runDirectory, runConfig(runDirectory).training().threads(), listeners);
  }

  /**
   * Continues a run from its latest checkpoint, with the config it was started with but other thread
   * pool sizes for this process (a sweep gives each of its processes a share of the cores).
   */
  public TrainingResult resume(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = withThreads(runConfig(runDirectory), threads);
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    try (RunLock lock = RunLock.acquire(run, LOG::warn)) {
      List<TrainingWarning> warnings = new ArrayList<>();
      Optional<Checkpoint> checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
          .latest(skipped -> warnings.add(new TrainingWarning(0, "checkpoint-skipped", skipped)));
      if (checkpoint.isEmpty()) {
        warnings.add(new TrainingWarning(0, "restarted",
            runDirectory + " has no intact checkpoint (stopped before its first); training it again from step 0"));
      }
      return trainLocked(config, model, dataset, run, listeners, checkpoint, warnings);
    }
  }

  /** Trains in a run directory whose lock this process holds, with disk space held in reserve. */
  private TrainingResult trainLocked(
      ExperimentConfig config, GenerativeModel model, ImageDataset dataset, RunDirectory run,
      List<TrainingListener> listeners, Optional<Checkpoint> start, List<TrainingWarning> warnings) {
    run.reserveSpace();
    try {
      return loop(config, model, dataset, run, listeners).run(start, warnings);
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
  private static void requireTrainable(ExperimentConfig config, GenerativeModel model, ImageDataset dataset) {
    requireLabelsIfUsed(config, model, dataset);
    String experiment = "experiment '" + config.name() + "': ";
    if (config.data().batchSize() > dataset.count()) {
      throw new ConfigException(experiment + "$.data.batchSize: " + config.data().batchSize() + " is more than the "
          + dataset.count() + " images of " + dataset.name() + (config.data().limit() > 0 ? " (data.limit)" : ""));
    }
    MemoryEstimate estimate;
    try (ModelAssembly assembly = ModelAssembly.build(model, dataset.shape(),
        Datasets.classCount(config.data().dataset()), config.data().batchSize(), config.seed(),
        config.training().optimizers(), ImageInput.FED)) {
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
   * Generates images with a run's latest checkpoint.
   *
   * @param count how many images
   * @param seed seeds the latent batch; the run's seed gives the batch of its sample grids
   */
  public ImageBatch sample(Path runDirectory, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of samples must be at least 1, got " + count);
    }
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = runConfig(runDirectory);
    Checkpoint checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .require(runDirectory, "sample from");
    GenerativeModel model = catalog.createModel(config);
    var shape = Datasets.shape(config.data().dataset());
    try (ModelAssembly assembly = ModelAssembly.build(model, shape, Datasets.classCount(config.data().dataset()),
            config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED);
        Session session = Sessions.open(assembly.graph(), config.training().threads())) {
      Checkpointer.restore(session, assembly.graph(), checkpoint);
      Sampler sampler = new Sampler(session, assembly, shape, model.pixelRange(), model.latentSize());
      return sampler.decode(Sampler.gaussianLatents(seed, count, model.latentSize()), count);
    }
  }

  private static void requireLabelsIfUsed(ExperimentConfig config, GenerativeModel model, ImageDataset dataset) {
    if (model.usesLabels() && !dataset.labelled()) {
      throw new DatasetException(
          "model '" + config.modelType() + "' is conditional and needs a labelled dataset, but " + dataset.name()
              + " has no labels (data section of the config)");
    }
  }

  private TrainingLoop loop(
      ExperimentConfig config, GenerativeModel model, ImageDataset dataset, RunDirectory run,
      List<TrainingListener> extra) {
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new MetricsFileWriter(run.metricsFile()));
    listeners.add(new SampleGridWriter(run.samplesDirectory()));
    listeners.add(progress.get());
    // The plot and the report read metrics.jsonl and samples/, so they come after the writers of those.
    listeners.add(new LossPlotWriter(run.metricsFile(), run.lossPlot()));
    listeners.add(new TensorBoardWriter(run.tensorBoardDirectory(), config.training().threads()));
    listeners.add(new RunReportWriter(run));
    listeners.addAll(extra);
    return new TrainingLoop(config, model, catalog.trainerFor(model), dataset, run, listeners);
  }

  private static String provenance(ExperimentConfig config, ImageDataset dataset) {
    ObjectNode node = JsonMapper.builder().build().createObjectNode();
    Package gen4j = Experiments.class.getPackage();
    node.put("gen4j", Optional.ofNullable(gen4j.getImplementationVersion()).orElse("development build"));
    node.put("tensorflow", TensorFlow.version());
    node.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    node.put("processors", Runtime.getRuntime().availableProcessors());
    ObjectNode threads = node.putObject("threads");
    threads.put("intraOp", config.training().threads().intraOp());
    threads.put("interOp", config.training().threads().interOp());
    node.put("model", config.modelType());
    node.put("seed", config.seed());
    node.put("dataset", dataset.name());
    node.put("images", dataset.count());
    node.put("created", Instant.now().toString());
    return node.toPrettyString() + System.lineSeparator();
  }

}
