package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.Batch;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ObjectiveRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Runs objective updates in a session: what {@link TrainingLoop} trains with and what benchmarks time.
 * Each update is keyed for noise by {@code [seed, step *
 * MAX_UPDATES_PER_STEP + update index]}, so the noise of every update is a function of the seed and its
 * position in training alone, and a resumed run draws what an uninterrupted one would.
 */
public final class SessionObjectiveRunner implements ObjectiveRunner {

  /** Upper bound on updates in one iteration, which spaces the noise keys of consecutive steps. */
  static final int MAX_UPDATES_PER_STEP = 1024;

  private final Session session;
  private final ModelAssembly assembly;
  private final Optional<BatchPrefetcher> batches;
  private final Shape batchShape;
  private final long seed;
  private long step;
  private int updateIndex;
  private long batchesConsumed;

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
    this.batchShape = Shape.of(batchSize, shape.height(), shape.width(), shape.channels());
    this.seed = seed;
    this.batchesConsumed = batchesConsumed;
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
  }

  /** Batches of real images consumed so far, counting those consumed before this runner started. */
  public long batchesConsumed() {
    return batchesConsumed;
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public Map<String, Float> update(String objectiveName) {
    CompiledObjective objective = assembly.objective(objectiveName);
    if (updateIndex >= MAX_UPDATES_PER_STEP) {
      throw new IllegalStateException("more than " + MAX_UPDATES_PER_STEP + " updates in step " + step);
    }
    long counter = step * MAX_UPDATES_PER_STEP + updateIndex++;
    TFloat32 images = null;
    TInt32 labels = null;
    try (TInt64 key = TInt64.vectorOf(seed, counter); TInt64 iteration = TInt64.scalarOf(step)) {
      Session.Runner runner = session.runner()
          .feed(assembly.noiseKey(), key)
          .feed(assembly.step(), iteration)
          .addTarget(objective.update());
      objective.metricValues().forEach(runner::fetch);
      if (objective.objective().consumesData()) {
        if (batches.isPresent()) {
          Batch batch = batches.get().next();
          images = TFloat32.tensorOf(batchShape, DataBuffers.of(batch.pixels(), true, false));
          runner.feed(assembly.realImages(), images);
          if (assembly.realLabels().isPresent()) {
            labels = TInt32.vectorOf(requireLabels(batch));
            runner.feed(assembly.realLabels().get(), labels);
          }
        }
        batchesConsumed++;
      }
      try (Result result = runner.run()) {
        Map<String, Float> metrics = new LinkedHashMap<>();
        List<String> names = objective.metricNames();
        for (int i = 0; i < names.size(); i++) {
          metrics.put(names.get(i), ((TFloat32) result.get(i)).getFloat());
        }
        return metrics;
      }
    } finally {
      if (images != null) {
        images.close();
      }
      if (labels != null) {
        labels.close();
      }
    }
  }

  private static int[] requireLabels(Batch batch) {
    if (batch.labels() == null) {
      throw new IllegalStateException("the model uses labels, but batch " + batch.index() + " has none");
    }
    return batch.labels();
  }
}
