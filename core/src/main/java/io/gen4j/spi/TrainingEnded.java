package io.gen4j.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Training reached its last step.
 *
 * @param step the number of completed steps
 * @param runDirectory where the run wrote its files
 * @param lastMetrics the last logged metrics
 * @param wallTime time spent in this process's training loop
 */
public record TrainingEnded(long step, Path runDirectory, Map<String, Double> lastMetrics, Duration wallTime) {

  public TrainingEnded {
    lastMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lastMetrics));
  }
}
