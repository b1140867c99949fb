package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.InvalidConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code output} section.
 *
 * @param runsDirectory where run directories ({@code <name>-<timestamp>}) are created; default {@code
 *     runs}, relative to the working directory. It must not be empty ({@code "."} names the working
 *     directory) and is kept normalized: {@code "out/./a/../runs"} becomes {@code "out/runs"}
 */
public record OutputConfig(String runsDirectory) {

  /** Runs go to {@code ./runs}. */
  public static final OutputConfig DEFAULT = new OutputConfig("runs");

  public OutputConfig {
    requireNonNull(runsDirectory, "runsDirectory is null");
    runsDirectory = normalized(runsDirectory);
  }

  /** The runs directory as a path. */
  public Path runsPath() {
    return Path.of(runsDirectory);
  }

  private static String normalized(String directory) {
    if (directory.isBlank()) {
      throw new InvalidConfigException(
          "runsDirectory", "must name a directory, got an empty string (write \".\" for the working directory)");
    }
    try {
      String normalized = Path.of(directory).normalize().toString();
      return normalized.isEmpty() ? "." : normalized;
    } catch (InvalidPathException e) {
      throw new InvalidConfigException("runsDirectory", "is not a valid path: " + e.getReason());
    }
  }
}
