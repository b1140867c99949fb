package io.gen4j.spi;

import java.nio.file.Path;

/**
 * A checkpoint was written completely.
 *
 * @param step the number of completed steps it holds
 * @param directory the checkpoint's directory
 */
public record CheckpointSaved(long step, Path directory) {}
