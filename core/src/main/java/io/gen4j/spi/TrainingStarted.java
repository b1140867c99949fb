package io.gen4j.spi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run starts or resumes.
 *
 * @param runDirectory where the run writes its files
 * @param modelType the config's {@code model.type}
 * @param firstStep the step training starts at: 0, or the resumed checkpoint's step
 * @param totalSteps the step the run ends at
 * @param batchSize images per batch
 * @param metricKinds the kind of each metric the model logs, by name, as the model and core declared
 *     them; a metric not listed has no declared kind
 */
public record TrainingStarted(
    Path runDirectory, String modelType, long firstStep, long totalSteps, int batchSize,
    Map<String, MetricKind> metricKinds) {

  public TrainingStarted {
    metricKinds = Collections.unmodifiableMap(new LinkedHashMap<>(metricKinds));
  }

  /** A start with no declared metric kinds. */
  public TrainingStarted(Path runDirectory, String modelType, long firstStep, long totalSteps, int batchSize) {
    this(runDirectory, modelType, firstStep, totalSteps, batchSize, Map.of());
  }
}
