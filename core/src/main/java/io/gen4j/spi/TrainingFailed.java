package io.gen4j.spi;

/**
 * Training stopped with an error.
 *
 * @param step the step that failed
 * @param cause what went wrong
 */
public record TrainingFailed(long step, Throwable cause) {}
