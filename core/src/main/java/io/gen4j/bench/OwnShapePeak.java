package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The speed of a model's own matrix products and convolutions, each timed alone ({@link
 * ContractionTimer}): the time one iteration's contractions would take with nothing else running.
 *
 * @param contractions each distinct contraction of one iteration, how often it runs per iteration, and
 *     its speed alone
 * @param millisPerIteration the summed time of one iteration's contractions at those speeds
 * @param gflopsPerSecond the iteration's contraction FLOPs divided by that time
 */
public record OwnShapePeak(List<Use> contractions, double millisPerIteration, double gflopsPerSecond) {

  public OwnShapePeak {
    contractions = List.copyOf(requireNonNull(contractions, "contractions is null"));
  }

  /** The peak of {@code uses}: their summed time and the FLOP rate over it. */
  public static OwnShapePeak of(List<Use> uses) {
    double millis = uses.stream().mapToDouble(use -> use.count() * use.speed().millisPerOp()).sum();
    long flops = uses.stream().mapToLong(use -> use.count() * use.speed().contraction().flops()).sum();
    return new OwnShapePeak(uses, millis, millis == 0 ? 0 : flops / (millis / 1e3) / 1e9);
  }

  /**
   * One contraction of an iteration.
   *
   * @param count how many times one iteration computes it
   * @param speed its speed alone
   */
  public record Use(int count, ContractionSpeed speed) {
    public Use {
      requireNonNull(speed, "speed is null");
    }
  }
}
