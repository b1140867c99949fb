package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.DatasetException;
import io.gen4j.data.Datasets;
import io.gen4j.data.ImageDataset;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.inject.PluginJar;
import io.gen4j.inject.Plugins;
import io.gen4j.report.LossPlotWriter;
import io.gen4j.report.MetricKinds;
import io.gen4j.report.RunReportWriter;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.TrainingListener;
import io.gen4j.tensorboard.TensorBoardWriter;
import io.gen4j.train.listeners.LogLines;
import io.gen4j.train.listeners.MetricsFileWriter;
import io.gen4j.train.listeners.SampleGridWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
    requireLabelsIfUsed(config, model, dataset);
    RunDirectory run = RunDirectory.create(Path.of(config.output().runsDirectory()), config.name(), LocalDateTime.now());
    write(run.configFile(), configLoader.toJson(config));
    write(run.provenanceFile(), provenance(config, dataset));
    return loop(config, model, dataset, run, listeners).run(Optional.empty());
  }

  /** Continues a run from its latest checkpoint, with the config it was started with. */
  public TrainingResult resume(Path runDirectory, List<TrainingListener> listeners) {
    RunDirectory run = RunDirectory.open(runDirectory);
    ExperimentConfig config = runConfig(runDirectory);
    Checkpoint checkpoint = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints())
        .latest()
        .orElseThrow(() -> new IllegalArgumentException(runDirectory + ": no checkpoint to resume from"));
    GenerativeModel model = catalog.createModel(config);
    ImageDataset dataset = Datasets.train(config.data());
    return loop(config, model, dataset, run, listeners).run(Optional.of(checkpoint));
  }

  /** The resolved config a run was started with. */
  public ExperimentConfig runConfig(Path runDirectory) {
    return configLoader.load(RunDirectory.open(runDirectory).configFile());
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
        .latest()
        .orElseThrow(() -> new IllegalArgumentException(runDirectory + ": no checkpoint to sample from"));
    GenerativeModel model = catalog.createModel(config);
    var shape = Datasets.shape(config.data().dataset());
    try (ModelAssembly assembly = ModelAssembly.build(model, shape, Datasets.classCount(config.data().dataset()),
            config.data().batchSize(), config.seed(), Map.of(), ImageInput.FED);
        Session session = new Session(assembly.graph())) {
      Checkpointer.restore(session, checkpoint);
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
    return Datasets.classCount(config.data().dataset());
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
    listeners.add(new MetricKinds.Writer(run.metricKindsFile()));
    listeners.add(new SampleGridWriter(run.samplesDirectory()));
    listeners.add(progress.get());
    // The plot and the report read metrics.jsonl and samples/, so they come after the writers of those.
    listeners.add(new LossPlotWriter(run.metricsFile(), run.metricKindsFile(), run.lossPlot()));
    listeners.add(new TensorBoardWriter(run.tensorBoardDirectory()));
    listeners.add(new RunReportWriter(run));
    listeners.addAll(extra);
    return new TrainingLoop(config, model, catalog.trainerFor(model), dataset, run, listeners);
  }

  private String provenance(ExperimentConfig config, ImageDataset dataset) {
    ObjectNode node = JsonMapper.builder().build().createObjectNode();
    Package gen4j = Experiments.class.getPackage();
    node.put("gen4j", Optional.ofNullable(gen4j.getImplementationVersion()).orElse("development build"));
    node.put("tensorflow", TensorFlow.version());
    node.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    node.put("processors", Runtime.getRuntime().availableProcessors());
    node.put("model", config.modelType());
    node.put("seed", config.seed());
    node.put("dataset", dataset.name());
    node.put("images", dataset.count());
    node.put("created", Instant.now().toString());
    node.set("plugins", plugins(node));
    return node.toPrettyString() + System.lineSeparator();
  }

  /**
   * Every plugin jar loaded besides gen4j's own code, with the model types and trainers it provided,
   * its Maven artifact and version when it says, and its SHA-256: what code made the run.
   */
  private ArrayNode plugins(ObjectNode root) {
    Plugins plugins = catalog.plugins();
    Map<PluginJar, ObjectNode> byJar = new LinkedHashMap<>();
    ArrayNode array = root.arrayNode();
    Function<PluginJar, ObjectNode> entry = jar -> byJar.computeIfAbsent(jar, key -> {
      ObjectNode node = array.addObject();
      node.put("jar", key.location().toString());
      key.artifact().ifPresent(artifact -> node.put("artifact", artifact));
      node.put("version", key.version());
      key.sha256().ifPresent(sha256 -> node.put("sha256", sha256));
      node.putArray("models");
      node.putArray("trainers");
      return node;
    });
    plugins.models().values().stream().filter(found -> !found.jar().builtIn())
        .forEach(found -> ((ArrayNode) entry.apply(found.jar()).get("models")).add(found.name()));
    plugins.trainers().values().stream().filter(found -> !found.jar().builtIn())
        .forEach(found -> ((ArrayNode) entry.apply(found.jar()).get("trainers")).add(found.name()));
    return array;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
