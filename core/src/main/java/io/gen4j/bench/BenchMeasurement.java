package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import io.gen4j.graph.ContractionCensus;

/**
 * A model type timed at one batch size in one mode. One iteration is one step of the model's trainer
 * (for adversarial training: every discriminator or critic update plus one generator update).
 *
 * @param modelType the model type
 * @param mode where the real images came from
 * @param batchSize images per batch
 * @param trainer the trainer that ran the iterations
 * @param warmupIterations untimed iterations run first
 * @param iterations timed iterations
 * @param batchesPerIteration batches of real (or synthetic) images one iteration consumed
 * @param millisPerIteration the distribution of the timed iterations' wall times, in milliseconds
 * @param imagesPerSecond real (or synthetic) images consumed per second at the median iteration time
 * @param dataWaitShare the share of the timed iterations' wall time spent waiting for the batch
 *     prefetcher, 0 to 1; 0 in synthetic mode
 * @param peakResidentBytes the process's peak resident memory while this row ran (Linux {@code
 *     VmHWM}), or {@code null} where the system does not report it; see {@link ResidentMemory}
 * @param loadAverage the system's one-minute load average when the row ended, or a negative value
 *     where the system does not report it
 * @param residentAfterWarmupBytes the process's resident memory (Linux {@code VmRSS}) after the
 *     warm-up iterations, or {@code null} where the system does not report it
 * @param residentAtEndBytes the same after the timed iterations: against the figure after warm-up, a
 *     leak check ({@link #residentGrowthBytes()})
 * @param flopsPerIteration FLOPs of one iteration's matrix products and convolutions ({@link
 *     ContractionCensus}); the rest of a step (element-wise ops, optimizer updates) is not counted
 * @param floorMillis {@code flopsPerIteration} at the benchmark's matrix-product peak ({@link
 *     BenchReport#peak()}): no iteration can be faster
 * @param peakShare {@code floorMillis} over the median iteration time: the share of the peak the whole
 *     step reaches
 * @param ownShapes the iteration's contractions timed alone at their own shapes, or {@code null} when
 *     not measured ({@code gen4j bench --peak})
 * @param profile where the time goes, or {@code null} when not profiled ({@code gen4j bench --profile})
 * @param threads the thread pools the row's sessions ran with (intra-op, inter-op)
 * @param sideBySide benchmark processes timing the same rows at the same time, this one included: 1
 *     normally, more when {@code gen4j bench --threads} runs processes side by side
 */
public record BenchMeasurement(
    String modelType,
    BenchMode mode,
    int batchSize,
    String trainer,
    int warmupIterations,
    int iterations,
    int batchesPerIteration,
    IterationStatistics millisPerIteration,
    double imagesPerSecond,
    double dataWaitShare,
    Long peakResidentBytes,
    double loadAverage,
    Long residentAfterWarmupBytes,
    Long residentAtEndBytes,
    long flopsPerIteration,
    double floorMillis,
    double peakShare,
    OwnShapePeak ownShapes,
    OpProfile profile,
    ThreadsConfig threads,
    int sideBySide)
    implements BenchResult {

  public BenchMeasurement {
    requireNonNull(modelType, "modelType is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(trainer, "trainer is null");
    requireNonNull(millisPerIteration, "millisPerIteration is null");
    requireNonNull(threads, "threads is null");
    if (sideBySide < 1) {
      throw new IllegalArgumentException("side by side processes must be at least 1, got " + sideBySide);
    }
    if (dataWaitShare < 0 || dataWaitShare > 1) {
      throw new IllegalArgumentException("data wait share must be between 0 and 1, got " + dataWaitShare);
    }
  }

  /**
   * How much the resident memory grew over the timed iterations, or {@code null} where it was not
   * measured: about 0 when nothing leaks, since the warm-up has already allocated what training needs.
   */
  public Long residentGrowthBytes() {
    return residentAfterWarmupBytes == null || residentAtEndBytes == null
        ? null : residentAtEndBytes - residentAfterWarmupBytes;
  }
}
