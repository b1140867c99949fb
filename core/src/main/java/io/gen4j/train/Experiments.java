package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.DatasetException;
import io.gen4j.data.Datasets;
import io.gen4j.files.AtomicFiles;
import io.gen4j.data.ImageDataset;
import io.gen4j.graph.Sessions;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.report.LossPlotWriter;
import io.gen4j.report.RunReportWriter;
import io.gen4j.report.RunStatus;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.TrainingListener;
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
import java.util.function.Supplier;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;

/** Trains, resumes and samples runs: what the {@code train} and {@code sample} commands do. */
@Singleton
public final class Experiments {

  private final ModelCatalog catalog;
  private final ConfigLoader configLoader;
  private final Supplier<? extends TrainingListener> progress;

  @Inject
  public Experiments(ModelCatalog catalog, ConfigLoader configLoader) {
    this(catalog, configLoader, LogLines::orPrinted);
  }

  private Experiments(ModelCatalog catalog, ConfigLoader configLoader, Supplier<? extends TrainingListener> progress) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.configLoader = requireNonNull(configLoader, "configLoader is null");
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
    return train(config, listeners, List.of());
  }

  /**
   * Trains an experiment whose config was read with overrides ({@code gen4j train --set}); the resolved
   * {@code config.json} holds the overridden values, and {@code provenance.json} lists the overrides.
   */
  public TrainingResult train(ExperimentConfig config, List<TrainingListener> listeners, List<ConfigOverride> overrides) {
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    requireLabelsIfUsed(config, model, dataset);
    RunDirectory run = RunDirectory.create(Path.of(config.output().runsDirectory()), config.name(), LocalDateTime.now());
    write(run.configFile(), configLoader.toJson(config));
    write(run.provenanceFile(), provenance(config, dataset, overrides));
    return loop(config, model, dataset, run, listeners).run(Optional.empty());
  }

  /**
   * Trains the experiment of a run directory prepared for it, which holds only its resolved {@code
   * config.json} (a sweep's run, say): whatever an earlier process wrote there before its first
   * checkpoint is replaced. {@code config.json} stays as it is.
   *
   * @param threads the thread pool sizes for this process, in place of the config's (recorded in {@code
   *     provenance.json})
   */
  public TrainingResult trainIn(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = withThreads(runConfig(runDirectory), threads);
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    requireLabelsIfUsed(config, model, dataset);
    run.clearTrainingOutput();
    write(run.provenanceFile(), provenance(config, dataset, List.of()));
    return loop(config, model, dataset, run, listeners).run(Optional.empty());
  }

  /**
   * Continues an interrupted run from its latest checkpoint, with the config it was started with.
   *
   * @throws IllegalArgumentException when the run has finished, changing nothing: {@link #resume(Path,
   *     long, List)} extends it
   */
  public TrainingResult resume(Path runDirectory, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    if (RunStatus.read(run.statusFile()) instanceof RunStatus.Finished finished) {
      throw new IllegalArgumentException(runDirectory + ": the run has finished (step " + finished.step()
          + "); nothing was changed. To train it further, resume it with a new length: gen4j train --resume "
          + runDirectory + " --steps N (N more than " + finished.step() + ")");
    }
    return resume(runDirectory, runConfig(runDirectory).training().threads(), listeners);
  }

  /**
   * Continues a run from its latest checkpoint, with the config it was started with but other thread
   * pool sizes for this process (a sweep gives each of its processes a share of the cores).
   */
  public TrainingResult resume(Path runDirectory, ThreadsConfig threads, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    return resume(run, withThreads(runConfig(runDirectory), threads), listeners);
  }

  /**
   * Continues a run, finished or not, from its latest checkpoint up to {@code totalSteps} steps: its
   * {@code config.json} is rewritten with {@code training.steps} = {@code totalSteps} (and {@code
   * epochs} 0), which must be more than the checkpoint's step.
   */
  public TrainingResult resume(Path runDirectory, long totalSteps, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = runConfig(runDirectory);
    Checkpoint checkpoint = latestCheckpoint(run, config);
    if (totalSteps <= checkpoint.state().step()) {
      throw new IllegalArgumentException(runDirectory + ": --steps " + totalSteps + " must be more than the "
          + checkpoint.state().step() + " steps the run has done; nothing was changed");
    }
    ExperimentConfig extended = config.withTraining(config.training().withSteps(totalSteps));
    write(run.configFile(), configLoader.toJson(extended));
    return resume(run, extended, listeners);
  }

  private TrainingResult resume(RunDirectory run, ExperimentConfig config, List<TrainingListener> listeners) {
    Checkpoint checkpoint = latestCheckpoint(run, config);
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    return loop(config, model, dataset, run, listeners).run(Optional.of(checkpoint));
  }

  private static Checkpoint latestCheckpoint(RunDirectory run, ExperimentConfig config) {
    return new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .latest()
        .orElseThrow(() -> new IllegalArgumentException(run.path() + ": no checkpoint to resume from"));
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
        .latest()
        .orElseThrow(() -> new IllegalArgumentException(runDirectory + ": no checkpoint to sample from"));
    GenerativeModel model = catalog.createModel(config);
    var shape = Datasets.shape(config.data().dataset());
    try (ModelAssembly assembly = ModelAssembly.build(model, shape, Datasets.classCount(config.data().dataset()),
            config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED);
        Session session = Sessions.open(assembly.graph(), config.training())) {
      Checkpointer.restore(session, checkpoint);
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

  private static String provenance(ExperimentConfig config, ImageDataset dataset, List<ConfigOverride> overrides) {
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
    if (!overrides.isEmpty()) {
      overrides.forEach(override -> node.withArray("overrides").add(override.toString()));
    }
    return node.toPrettyString() + System.lineSeparator();
  }

  private static void write(Path file, String text) {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
