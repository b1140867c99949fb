package io.gen4j.spi;

/**
 * Images generated from the run's fixed noise batch.
 *
 * @param step the number of completed steps
 * @param images the samples, in [0, 1]
 * @param isFinal whether these are the samples at the end of training
 */
public record SamplesReady(long step, ImageBatch images, boolean isFinal) {}
