package io.gen4j.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param runDirectory where it wrote its files
 * @param steps completed steps
 * @param lastMetrics the last logged metrics
 * @param wallTime time spent in the training loop in this process
 */
public record TrainingResult(Path runDirectory, long steps, Map<String, Double> lastMetrics, Duration wallTime) {

  public TrainingResult {
    lastMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lastMetrics));
  }
}
