package io.gen4j.spi;

import java.util.Map;

/**
 * Metrics of the steps since the last event.
 *
 * @param step the number of completed steps
 * @param totalSteps the step the run ends at
 * @param epoch the epoch of the data the last batch came from, counted from 0
 * @param metrics each series averaged over the steps since the last event that computed it; a series
 *     that none of them computed (the metric of a {@linkplain Objective#withLazyTerm lazy term} in a
 *     short interval) is absent
 * @param imagesPerSecond real images consumed per second over those steps
 */
public record StepCompleted(
    long step, long totalSteps, long epoch, Map<String, Double> metrics, double imagesPerSecond) {

  public StepCompleted {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }
}
