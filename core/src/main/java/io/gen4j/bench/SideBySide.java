package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

/**
 * How many benchmark processes time the same rows at the same time, and how this one waits for the
 * others before timing a row.
 *
 * @param processes the processes side by side, this one included; at least 1
 * @param beforeTiming run in every row after its warm-up iterations, right before the timed ones: a
 *     barrier that returns once every process has reached the same row
 */
public record SideBySide(int processes, Runnable beforeTiming) {

  /** One process alone. */
  public static final SideBySide ALONE = new SideBySide(1, () -> {});

  public SideBySide {
    if (processes < 1) {
      throw new IllegalArgumentException("processes must be at least 1, got " + processes);
    }
    requireNonNull(beforeTiming, "beforeTiming is null");
  }
}
