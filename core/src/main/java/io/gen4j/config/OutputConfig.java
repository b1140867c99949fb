package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The {@code output} section.
 *
 * @param runsDirectory where run directories ({@code <name>-<timestamp>}) are created; default {@code
 *     runs}, relative to the working directory
 */
@JsonClassDescription("Where runs are written.")
public record OutputConfig(
    @JsonPropertyDescription("Where run directories (<name>-<yyyyMMdd-HHmmss>) are created, relative to the working"
        + " directory; gen4j train --runs overrides it.")
    String runsDirectory) {

  /** Runs go to {@code ./runs}. */
  public static final OutputConfig DEFAULT = new OutputConfig("runs");

  public OutputConfig {
    requireNonNull(runsDirectory, "runsDirectory is null");
  }
}
