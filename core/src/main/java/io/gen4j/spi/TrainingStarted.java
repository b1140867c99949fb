package io.gen4j.spi;

import java.nio.file.Path;

/**
 * A run starts or resumes.
 *
 * @param runDirectory where the run writes its files
 * @param modelType the config's {@code model.type}
 * @param firstStep the step training starts at: 0, or the resumed checkpoint's step
 * @param totalSteps the step the run ends at
 * @param batchSize images per batch
 */
public record TrainingStarted(
    Path runDirectory, String modelType, long firstStep, long totalSteps, int batchSize) {}
