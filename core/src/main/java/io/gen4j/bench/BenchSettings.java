package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import java.util.List;

/**
 * What to benchmark.
 *
 * @param modelTypes the model types to time, in order; empty for every discovered type
 * @param batchSizes batch sizes to time each model at, each at least 1
 * @param warmupIterations untimed iterations before timing starts, at least 0
 * @param iterations timed iterations per model, batch size and mode, at least 1
 * @param modes the input modes to time, at least one
 * @param seed seeds initial weights, data order and noise
 * @param ownShapePeaks whether to time each row's matrix products and convolutions alone at their own
 *     shapes ({@link OwnShapePeak})
 * @param tracedIterations iterations to trace per row after the timed ones, for an {@link OpProfile};
 *     0 for none
 * @param threads TensorFlow's thread pools; {@link ThreadsConfig#DEFAULT} for the choice training
 *     makes for each model type ({@code training.threads})
 */
public record BenchSettings(
    List<String> modelTypes,
    List<Integer> batchSizes,
    int warmupIterations,
    int iterations,
    List<BenchMode> modes,
    long seed,
    boolean ownShapePeaks,
    int tracedIterations,
    ThreadsConfig threads) {

  /** Default batch sizes. */
  public static final List<Integer> DEFAULT_BATCH_SIZES = List.of(64, 256);

  /** Default number of warm-up iterations. */
  public static final int DEFAULT_WARMUP_ITERATIONS = 5;

  /** Default number of timed iterations. */
  public static final int DEFAULT_ITERATIONS = 50;

  /** Default seed, the same as an experiment's. */
  public static final long DEFAULT_SEED = 42;

  /** Default number of traced iterations per row when profiling ({@code gen4j bench --profile}). */
  public static final int DEFAULT_TRACED_ITERATIONS = 5;

  public BenchSettings {
    modelTypes = List.copyOf(requireNonNull(modelTypes, "modelTypes is null"));
    batchSizes = List.copyOf(requireNonNull(batchSizes, "batchSizes is null"));
    modes = List.copyOf(requireNonNull(modes, "modes is null"));
    if (batchSizes.isEmpty()) {
      throw new IllegalArgumentException("give at least one batch size");
    }
    for (int batchSize : batchSizes) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch sizes must be at least 1, got " + batchSize);
      }
    }
    if (warmupIterations < 0) {
      throw new IllegalArgumentException("warm-up iterations must not be negative, got " + warmupIterations);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("timed iterations must be at least 1, got " + iterations);
    }
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("give at least one mode (real or synthetic)");
    }
    if (tracedIterations < 0) {
      throw new IllegalArgumentException("traced iterations must not be negative, got " + tracedIterations);
    }
    requireNonNull(threads, "threads is null");
  }

  /**
   * Settings that neither time contractions at their own shapes nor profile, with the threads training
   * would choose.
   */
  public BenchSettings(
      List<String> modelTypes, List<Integer> batchSizes, int warmupIterations, int iterations, List<BenchMode> modes,
      long seed) {
    this(modelTypes, batchSizes, warmupIterations, iterations, modes, seed, false, 0, ThreadsConfig.DEFAULT);
  }

  /** These settings for other model types, in place of this one's. */
  public BenchSettings withModelTypes(List<String> types) {
    return new BenchSettings(types, batchSizes, warmupIterations, iterations, modes, seed, ownShapePeaks,
        tracedIterations, threads);
  }

  /** These settings with other thread pools. */
  public BenchSettings withThreads(ThreadsConfig other) {
    return new BenchSettings(modelTypes, batchSizes, warmupIterations, iterations, modes, seed, ownShapePeaks,
        tracedIterations, other);
  }

  /** Every discovered model type at the default batch sizes, iterations and seed, in both modes. */
  public static BenchSettings defaults() {
    return new BenchSettings(List.of(), DEFAULT_BATCH_SIZES, DEFAULT_WARMUP_ITERATIONS, DEFAULT_ITERATIONS,
        List.of(BenchMode.values()), DEFAULT_SEED);
  }
}
