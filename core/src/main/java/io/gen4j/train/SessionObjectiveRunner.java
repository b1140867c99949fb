package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.Batch;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ObjectiveRunner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Runs objective updates in a session: what {@link TrainingLoop} trains with and what benchmarks time.
 * Each update is keyed for noise by {@code [seed, step *
 * MAX_UPDATES_PER_STEP + update index]}, so the noise of every update is a function of the seed and its
 * position in training alone, and a resumed run draws what an uninterrupted one would. Likewise the
 * update of an objective with a {@linkplain io.gen4j.spi.Objective#withLazyTerm lazy term} is chosen
 * by {@link CompiledObjective#updateAt} from the step and the number of updates of that objective run
 * so far in the step, so a resumed run regularizes the same updates.
 *
 * <p>The tensors it feeds (noise key, step, images, labels) are allocated once and rewritten for each
 * update, and an update fetches its metrics as one vector ({@link CompiledUpdate#metricVector()}):
 * each tensor crossing between Java and TensorFlow costs tens of microseconds, a share of a small
 * model's step. Close the runner to free its tensors.
 */
public final class SessionObjectiveRunner implements ObjectiveRunner, AutoCloseable {

  /** Upper bound on updates in one iteration, which spaces the noise keys of consecutive steps. */
  static final int MAX_UPDATES_PER_STEP = 1024;

  private static final RunOptions FULL_TRACE =
      RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

  private final Session session;
  private final ModelAssembly assembly;
  private final Optional<BatchPrefetcher> batches;
  private final long seed;
  private final TInt64 key;
  private final TInt64 stepTensor;
  private final TFloat32 images;
  private final TInt32 labels;
  /** Updates of each objective run so far in the current step, by objective name. */
  private final Map<String, Integer> objectiveUpdatesInStep = new HashMap<>();
  private long step;
  private int updateIndex;
  private CompiledUpdate lastUpdate;
  private long batchesConsumed;
  private long sessionRuns;
  private long sessionRunNanos;
  private Consumer<RunMetadata> tracer;

  /**
   * A runner that feeds each data-consuming update the next batch of {@code batches}.
   *
   * @param batchesConsumed batches consumed before this runner starts (0 for a fresh run)
   */
  public SessionObjectiveRunner(
      Session session, ModelAssembly assembly, BatchPrefetcher batches, ImageShape shape, int batchSize, long seed,
      long batchesConsumed) {
    this(session, assembly, Optional.of(requireNonNull(batches, "batches is null")), shape, batchSize, seed,
        batchesConsumed);
  }

  private SessionObjectiveRunner(
      Session session, ModelAssembly assembly, Optional<BatchPrefetcher> batches, ImageShape shape, int batchSize,
      long seed, long batchesConsumed) {
    this.session = requireNonNull(session, "session is null");
    this.assembly = requireNonNull(assembly, "assembly is null");
    this.batches = batches;
    this.seed = seed;
    this.batchesConsumed = batchesConsumed;
    this.key = TInt64.tensorOf(Shape.of(2));
    this.stepTensor = TInt64.scalarOf(0);
    this.images = batches.isPresent()
        ? TFloat32.tensorOf(Shape.of(batchSize, shape.height(), shape.width(), shape.channels()))
        : null;
    this.labels = batches.isPresent() && assembly.realLabels().isPresent() ? TInt32.tensorOf(Shape.of(batchSize)) : null;
  }

  /**
   * A runner that feeds no images, for an assembly built with {@link ImageInput#SYNTHETIC}; it still
   * counts the batches the graph drew.
   */
  public static SessionObjectiveRunner withoutData(
      Session session, ModelAssembly assembly, ImageShape shape, int batchSize, long seed) {
    return new SessionObjectiveRunner(session, assembly, Optional.empty(), shape, batchSize, seed, 0);
  }

  /** Begins iteration {@code iteration}, counted from 0. */
  public void startIteration(long iteration) {
    this.step = iteration;
    this.updateIndex = 0;
    this.objectiveUpdatesInStep.clear();
  }

  /** Batches of real images consumed so far, counting those consumed before this runner started. */
  public long batchesConsumed() {
    return batchesConsumed;
  }

  /** Calls of {@code Session.run} so far. */
  public long sessionRuns() {
    return sessionRuns;
  }

  /**
   * Wall nanoseconds spent inside {@code Session.run} so far: TensorFlow's own time plus the cost of
   * the call (feeds and fetches crossing into native code); the rest of an iteration is Java.
   */
  public long sessionRunNanos() {
    return sessionRunNanos;
  }

  /**
   * Traces every following update ({@code RunOptions} full trace) and hands its {@code RunMetadata},
   * with the step statistics of every op that ran, to {@code tracer}; {@code null} stops tracing.
   * Tracing slows the runs, so time untraced runs only.
   */
  public void trace(Consumer<RunMetadata> tracer) {
    this.tracer = tracer;
  }

  @Override
  public long step() {
    return step;
  }

  /**
   * The update op the last {@link #update} ran: the objective's {@link CompiledObjective#update()} or,
   * on the updates that include its lazy term, its regularized update.
   */
  public Optional<CompiledUpdate> lastUpdate() {
    return Optional.ofNullable(lastUpdate);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The metrics are those of the update op run: on the updates of an objective that include its
   * lazy term, also the term's metrics; on the others, not those.
   */
  @Override
  public Map<String, Float> update(String objectiveName) {
    CompiledObjective objective = assembly.objective(objectiveName);
    if (updateIndex >= MAX_UPDATES_PER_STEP) {
      throw new IllegalStateException("more than " + MAX_UPDATES_PER_STEP + " updates in step " + step);
    }
    int indexInStep = objectiveUpdatesInStep.getOrDefault(objectiveName, 0);
    CompiledUpdate update = objective.updateAt(step, indexInStep);
    objectiveUpdatesInStep.put(objectiveName, indexInStep + 1);
    long counter = step * MAX_UPDATES_PER_STEP + updateIndex++;
    key.setLong(seed, 0);
    key.setLong(counter, 1);
    stepTensor.setLong(step);
    Session.Runner runner = session.runner()
        .feed(assembly.noiseKey(), key)
        .feed(assembly.step(), stepTensor)
        .addTarget(update.op())
        .fetch(update.metricVector());
    if (objective.objective().consumesData()) {
      if (batches.isPresent()) {
        Batch batch = batches.get().next();
        images.copyFrom(DataBuffers.of(batch.pixels(), true, false));
        runner.feed(assembly.realImages(), images);
        if (labels != null) {
          labels.copyFrom(DataBuffers.of(requireLabels(batch), true, false));
          runner.feed(assembly.realLabels().get(), labels);
        }
      }
      batchesConsumed++;
    }
    if (tracer != null) {
      runner.setOptions(FULL_TRACE);
    }
    long start = System.nanoTime();
    try (Result result = tracer == null ? runner.run() : runner.runAndFetchMetadata()) {
      sessionRunNanos += System.nanoTime() - start;
      sessionRuns++;
      if (tracer != null) {
        result.getMetadata().ifPresent(tracer);
      }
      lastUpdate = update;
      List<String> names = update.metricNames();
      float[] values = new float[names.size()];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
      Map<String, Float> metrics = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        metrics.put(names.get(i), values[i]);
      }
      return metrics;
    }
  }

  private static int[] requireLabels(Batch batch) {
    if (batch.labels() == null) {
      throw new IllegalStateException("the model uses labels, but batch " + batch.index() + " has none");
    }
    return batch.labels();
  }

  /** Frees the fed tensors. */
  @Override
  public void close() {
    key.close();
    stepTensor.close();
    if (images != null) {
      images.close();
    }
    if (labels != null) {
      labels.close();
    }
  }
}
