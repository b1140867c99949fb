package io.gen4j.config;

import static java.util.Objects.requireNonNull;

/**
 * The {@code output} section.
 *
 * @param runsDirectory where run directories ({@code <name>-<timestamp>}) are created; default {@code
 *     runs}, relative to the working directory
 */
public record OutputConfig(String runsDirectory) {

  /** Runs go to {@code ./runs}. */
  public static final OutputConfig DEFAULT = new OutputConfig("runs");

  public OutputConfig {
    requireNonNull(runsDirectory, "runsDirectory is null");
  }
}
