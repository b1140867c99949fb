package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.LearningRateSchedule;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.graph.LearningRates;
import io.gen4j.graph.Optimizers;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.LazyTerm;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Network;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.TrainerSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A model's graph, built once: the inputs core feeds (real images, the noise key), the model's
 * objectives and sampling path, and, when optimizers are given, one update per objective that changes
 * only its network's variables (two for an objective with a {@linkplain Objective#withLazyTerm lazy
 * term} of interval 2 or more, one with the term and one without, sharing one optimizer state). Every
 * update also fetches the global norm of its gradients, as {@code <network>_grad_norm}. Owns the {@link
 * Graph}.
 */
public final class ModelAssembly implements AutoCloseable {

  private final Graph graph;
  private final Placeholder<TFloat32> realImages;
  private final Optional<Placeholder<TInt32>> realLabels;
  private final Placeholder<TInt64> noiseKey;
  private final Placeholder<TInt64> step;
  private final ModelGraph modelGraph;
  private final Map<String, CompiledObjective> objectives;
  private final int classCount;

  private ModelAssembly(
      Graph graph,
      Placeholder<TFloat32> realImages,
      Optional<Placeholder<TInt32>> realLabels,
      int classCount,
      Placeholder<TInt64> noiseKey,
      Placeholder<TInt64> step,
      ModelGraph modelGraph,
      Map<String, CompiledObjective> objectives) {
    this.graph = graph;
    this.realImages = realImages;
    this.realLabels = realLabels;
    this.classCount = classCount;
    this.noiseKey = noiseKey;
    this.step = step;
    this.modelGraph = modelGraph;
    this.objectives = objectives;
  }

  /** Salt of the key of {@link ImageInput#SYNTHETIC} images, apart from every salt {@link InGraphNoise} uses. */
  private static final long SYNTHETIC_IMAGES_SALT = -1L;

  /** Salt of the key of {@link ImageInput#SYNTHETIC} labels, apart from the images' and InGraphNoise's. */
  private static final long SYNTHETIC_LABELS_SALT = -2L;

  /**
   * Builds a model's graph for an unlabelled dataset, reading real images from the {@code real_images}
   * placeholder.
   *
   * @param optimizers optimizer per network name; empty to build no updates (for sampling or export)
   */
  public static ModelAssembly build(
      GenerativeModel model, ImageShape shape, int batchSize, long seed, Map<String, OptimizerConfig> optimizers) {
    return build(model, shape, 0, batchSize, seed, optimizers, ImageInput.FED);
  }

  /**
   * Builds a model's graph with real images (and, for a model that {@link GenerativeModel#usesLabels()
   * uses labels}, their labels) from {@code input}.
   *
   * @param classCount the number of classes of the dataset's labels; 0 if it is unlabelled
   * @param optimizers optimizer per network name; empty to build no updates (for sampling or export)
   * @param input {@link ImageInput#FED} for training; {@link ImageInput#SYNTHETIC} to time the graph alone
   * @throws IllegalArgumentException if the model uses labels and {@code classCount} is 0
   */
  public static ModelAssembly build(
      GenerativeModel model,
      ImageShape shape,
      int classCount,
      int batchSize,
      long seed,
      Map<String, OptimizerConfig> optimizers,
      ImageInput input) {
    return build(model, shape, classCount, batchSize, seed, optimizers, Map.of(), graph -> 1, input);
  }

  /**
   * Builds a model's graph for training with learning-rate schedules: each scheduled network's update
   * takes its rate from {@link LearningRates#scheduled} and also fetches it, as {@code
   * <network>_learning_rate}. A network without a schedule, or with a constant one without warm-up,
   * gets the graph it would get without.
   *
   * @param classCount the number of classes of the dataset's labels; 0 if it is unlabelled
   * @param schedules learning-rate schedule per network name
   * @param totalSteps the iterations of the run, from the built model graph (through its trainer), for
   *     schedules that decay to the end of training
   */
  public static ModelAssembly build(
      GenerativeModel model,
      ImageShape shape,
      int classCount,
      int batchSize,
      long seed,
      Map<String, OptimizerConfig> optimizers,
      Map<String, LearningRateSchedule> schedules,
      ToLongFunction<ModelGraph> totalSteps,
      ImageInput input) {
    requireNonNull(model, "model is null");
    requireNonNull(schedules, "schedules is null");
    requireNonNull(totalSteps, "totalSteps is null");
    requireNonNull(input, "input is null");
    if (classCount < 0) {
      throw new IllegalArgumentException("classCount must not be negative, got " + classCount);
    }
    if (model.usesLabels() && classCount == 0) {
      throw new IllegalArgumentException("the model uses labels, but the dataset has none");
    }
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> realImages =
          tf.withName("real_images")
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(Shape.of(batchSize, shape.height(), shape.width(), shape.channels())));
      Placeholder<TInt64> noiseKey =
          tf.withName("noise_key").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      Placeholder<TInt64> step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> images = switch (input) {
        case FED -> realImages;
        case SYNTHETIC -> syntheticImages(tf, noiseKey, model.pixelRange(), realImages.shape());
      };
      Optional<Placeholder<TInt32>> realLabels = model.usesLabels()
          ? Optional.of(tf.withName("real_labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(batchSize))))
          : Optional.empty();
      Optional<Operand<TInt32>> labels = realLabels.map(placeholder -> switch (input) {
        case FED -> placeholder;
        case SYNTHETIC -> syntheticLabels(tf, noiseKey, classCount, batchSize);
      });
      AssemblyContext context = new AssemblyContext(
          tf, shape, batchSize, seed, images, classCount, labels, step, new InGraphNoise(tf, noiseKey));
      ModelGraph modelGraph = model.build(context);
      requireDisjoint(modelGraph);
      requireDeclaredData(modelGraph, context);
      Map<String, CompiledObjective> compiled = new LinkedHashMap<>();
      if (!optimizers.isEmpty()) {
        boolean scheduled = schedules.values().stream().anyMatch(schedule -> !schedule.isConstant());
        long steps = scheduled ? totalSteps.applyAsLong(modelGraph) : 1;
        TrainerSettings trainerSettings = model.trainerSettings();
        for (Objective objective : modelGraph.objectives()) {
          compiled.put(objective.name(), compile(
              tf, objective, trainerSettings.updates(objective.name()), optimizers, schedules, step, steps));
        }
      }
      if (modelGraph.conditional() && classCount == 0) {
        throw new IllegalArgumentException("the model samples from class labels, but the dataset has none");
      }
      return new ModelAssembly(graph, realImages, realLabels, classCount, noiseKey, step, modelGraph, compiled);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  private static Operand<TFloat32> syntheticImages(
      Ops tf, Operand<TInt64> noiseKey, PixelRange range, Shape shape) {
    Operand<TInt64> key = tf.math.add(noiseKey, tf.constant(new long[] {SYNTHETIC_IMAGES_SALT, 0L}));
    Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape.asArray()), key);
    float low = range.fromByte(0);
    float high = range.fromByte(255);
    return tf.withName("synthetic_images").math.add(tf.constant(low), tf.math.mul(unit, tf.constant(high - low)));
  }

  private static Operand<TInt32> syntheticLabels(Ops tf, Operand<TInt64> noiseKey, int classCount, int batchSize) {
    Operand<TInt64> key = tf.math.add(noiseKey, tf.constant(new long[] {SYNTHETIC_LABELS_SALT, 0L}));
    return tf.withName("synthetic_labels").random.statelessRandomUniformInt(
        tf.constant(new long[] {batchSize}), key, tf.constant(0), tf.constant(classCount));
  }

  /**
   * Builds the objective's update: gradients of its loss applied by its network's optimizer, with the
   * side updates, then the post-update ops once both are done. An objective with a lazy term of interval
   * 2 or more gets a second update on the loss plus the term, applied by the same optimizer state; with
   * interval 1 the one update is on the loss plus the term.
   */
  private static CompiledObjective compile(
      Ops tf, Objective objective, int updatesPerStep, Map<String, OptimizerConfig> optimizers,
      Map<String, LearningRateSchedule> schedules, Operand<TInt64> step, long totalSteps) {
    Network network = objective.network();
    OptimizerConfig config = optimizers.get(network.name());
    if (config == null) {
      throw new IllegalArgumentException(
          "no optimizer for network '" + network.name() + "'; configured: " + new TreeSet<>(optimizers.keySet()));
    }
    String name = objective.name();
    LearningRateSchedule schedule = schedules.get(network.name());
    Optional<Operand<TFloat32>> learningRate = Optional.empty();
    Optimizers.Optimizer optimizer;
    if (schedule == null || schedule.isConstant()) {
      optimizer = Optimizers.create(tf, name + "_optimizer", config, network.variables());
    } else {
      Operand<TFloat32> scheduled = tf.withName(name + "_learning_rate")
          .identity(LearningRates.scheduled(tf, config.learningRate(), schedule, step, totalSteps));
      learningRate = Optional.of(scheduled);
      optimizer = Optimizers.create(tf, name + "_optimizer", config, scheduled, network.variables());
    }
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    Map<String, MetricKind> kinds = new LinkedHashMap<>(objective.metricKinds());
    if (objective.metrics().isEmpty()) {
      metrics.put(name + "_loss", objective.loss());
      kinds.put(name + "_loss", MetricKind.LOSS);
    }
    objective.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> metrics.put(entry.getKey(), entry.getValue()));
    Map<String, Operand<TFloat32>> termMetrics = new LinkedHashMap<>();
    objective.lazyTerm().ifPresent(term -> term.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> {
          termMetrics.put(entry.getKey(), entry.getValue().value());
          kinds.put(entry.getKey(), entry.getValue().kind());
        }));
    kinds.put(network.name() + "_grad_norm", MetricKind.OTHER);
    learningRate.ifPresent(rate -> kinds.put(network.name() + "_learning_rate", MetricKind.OTHER));
    Optional<LazyTerm> term = objective.lazyTerm();
    Map<String, Operand<TFloat32>> withTerm = new LinkedHashMap<>(metrics);
    withTerm.putAll(termMetrics);
    CompiledUpdate update;
    Optional<CompiledUpdate> regularizedUpdate = Optional.empty();
    if (term.isPresent() && term.get().interval() == 1) {
      update = update(tf, objective, optimizer, "", tf.math.add(objective.loss(), term.get().term()), withTerm,
          learningRate);
    } else {
      update = update(tf, objective, optimizer, "", objective.loss(), metrics, learningRate);
      if (term.isPresent()) {
        regularizedUpdate = Optional.of(update(tf, objective, optimizer, "_regularized",
            tf.withName(name + "_regularized_loss").math.add(objective.loss(), term.get().term()), withTerm,
            learningRate));
      }
    }
    return new CompiledObjective(objective, update, regularizedUpdate, updatesPerStep, kinds);
  }

  /**
   * One update op of {@code objective} on {@code loss}, named {@code <objective><suffix>_update}, with
   * its metrics (then {@code <network>_grad_norm}, then the learning rate if scheduled) stacked as {@code
   * <objective><suffix>_metrics}.
   */
  private static CompiledUpdate update(
      Ops tf, Objective objective, Optimizers.Optimizer optimizer, String suffix, Operand<TFloat32> loss,
      Map<String, Operand<TFloat32>> metrics, Optional<Operand<TFloat32>> learningRate) {
    Network network = objective.network();
    String name = objective.name() + suffix;
    List<Operand<TFloat32>> gradients = Optimizers.gradients(tf, loss, network.variables());
    List<Operation> computedAlongside = new ArrayList<>();
    computedAlongside.add(loss.op());
    metrics.values().forEach(metric -> computedAlongside.add(metric.op()));
    objective.sideUpdates().forEach(sideUpdate -> computedAlongside.add(sideUpdate.op()));
    Op apply = optimizer.apply(tf, objective.name() + "_optimizer" + suffix, gradients, computedAlongside);
    List<Op> applied = new ArrayList<>();
    applied.add(apply);
    applied.addAll(objective.sideUpdates());
    // A post-update may read state a side update writes (a weight average copies batch-norm statistics).
    List<Op> afterUpdate = objective.afterUpdate().build(tf.withControlDependencies(applied), network);
    List<Op> all = new ArrayList<>(applied);
    all.addAll(afterUpdate);
    Op op = tf.withName(name + "_update").withControlDependencies(all).noOp();
    List<String> names = new ArrayList<>(metrics.keySet());
    List<Operand<TFloat32>> values = new ArrayList<>(metrics.values());
    names.add(network.name() + "_grad_norm");
    values.add(Optimizers.globalNorm(tf, gradients));
    learningRate.ifPresent(rate -> {
      names.add(network.name() + "_learning_rate");
      values.add(rate);
    });
    return new CompiledUpdate(op, names, values, tf.withName(name + "_metrics").stack(values));
  }

  /** An objective that reads the real batch but says it consumes none would fail at its first update. */
  private static void requireDeclaredData(ModelGraph modelGraph, AssemblyContext context) {
    for (Objective objective : modelGraph.objectives()) {
      if (!objective.consumesData() && context.readsRealBatch(objective.loss())) {
        throw new IllegalStateException("objective '" + objective.name()
            + "' reads the real batch (GraphContext.realImages() or realLabels()) but says it consumes no data;"
            + " build it with consumesData true (GraphContext.readsRealBatch(loss) tells)");
      }
      if (!objective.consumesData()
          && objective.lazyTerm().filter(term -> context.readsRealBatch(term.term())).isPresent()) {
        throw new IllegalStateException("objective '" + objective.name()
            + "' has a lazy term that reads the real batch (GraphContext.realImages() or realLabels()) but says it"
            + " consumes no data; build it with consumesData true");
      }
    }
  }

  private static void requireDisjoint(ModelGraph modelGraph) {
    Map<String, String> owner = new HashMap<>();
    Set<String> seen = new TreeSet<>();
    for (Objective objective : modelGraph.objectives()) {
      Network network = objective.network();
      if (!seen.add(network.name() + "@" + objective.name())) {
        continue;
      }
      for (Variable<TFloat32> variable : network.variables()) {
        String previous = owner.putIfAbsent(variable.op().name(), network.name());
        if (previous != null && !previous.equals(network.name())) {
          throw new IllegalStateException(
              "variable " + variable.op().name() + " belongs to networks " + previous + " and " + network.name());
        }
      }
    }
  }

  /** The graph; closed with this assembly. */
  public Graph graph() {
    return graph;
  }

  /** The placeholder of a batch of real images; unread in an {@link ImageInput#SYNTHETIC} assembly. */
  public Placeholder<TFloat32> realImages() {
    return realImages;
  }

  /**
   * The placeholder of the labels of a batch of real images, for a model that {@link
   * GenerativeModel#usesLabels() uses labels}; unread in an {@link ImageInput#SYNTHETIC} assembly.
   */
  public Optional<Placeholder<TInt32>> realLabels() {
    return realLabels;
  }

  /** The placeholder of the {@code [seed, update counter]} noise key. */
  public Placeholder<TInt64> noiseKey() {
    return noiseKey;
  }

  /** The placeholder of the current iteration, fed with every update. */
  public Placeholder<TInt64> step() {
    return step;
  }

  /** What the model built. */
  public ModelGraph modelGraph() {
    return modelGraph;
  }

  /** Objectives with their updates, by name, in the model's order; empty when built without optimizers. */
  public Map<String, CompiledObjective> objectives() {
    return objectives;
  }

  /**
   * The kind of every metric the updates fetch whose kind is known: each objective's declared ones and
   * core's own ({@code <network>_grad_norm}, the default {@code <objective>_loss}), by name.
   */
  public Map<String, MetricKind> metricKinds() {
    Map<String, MetricKind> kinds = new LinkedHashMap<>();
    objectives.values().forEach(objective -> kinds.putAll(objective.metricKinds()));
    return kinds;
  }

  /**
   * The metrics that only some updates fetch: those of the lazy terms of interval 2 or more, which the
   * updates without the term do not compute.
   */
  public Set<String> lazyMetricNames() {
    Set<String> names = new TreeSet<>();
    for (CompiledObjective objective : objectives.values()) {
      objective.regularizedUpdate().ifPresent(regularized -> regularized.metricNames().stream()
          .filter(name -> !objective.update().metricNames().contains(name))
          .forEach(names::add));
    }
    return names;
  }

  /** The number of classes of the dataset's labels the graph was built for; 0 if it is unlabelled. */
  public int classCount() {
    return classCount;
  }

  /** Size of the latent vectors the sampling path decodes: the width of {@link ModelGraph#latent()}. */
  public int latentSize() {
    return modelGraph.latentSize();
  }

  /** The compiled objective of that name. */
  public CompiledObjective objective(String name) {
    CompiledObjective objective = objectives.get(name);
    if (objective == null) {
      throw new IllegalArgumentException(
          "the model has no objective '" + name + "'; it has " + String.join(", ", objectives.keySet()));
    }
    return objective;
  }

  @Override
  public void close() {
    graph.close();
  }
}
