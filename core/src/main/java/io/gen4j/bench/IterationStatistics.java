package io.gen4j.bench;

import java.util.Arrays;

/**
 * The distribution of timed iterations' durations, in milliseconds. Percentiles interpolate linearly
 * between the sorted durations.
 *
 * @param median the 50th percentile
 * @param p10 the 10th percentile
 * @param p90 the 90th percentile
 * @param mean the mean
 * @param min the fastest iteration
 * @param max the slowest iteration
 */
public record IterationStatistics(double median, double p10, double p90, double mean, double min, double max) {

  public IterationStatistics {
    if (!(min <= p10 && p10 <= median && median <= p90 && p90 <= max)) {
      throw new IllegalArgumentException(
          "percentiles out of order: min " + min + ", p10 " + p10 + ", median " + median + ", p90 " + p90
              + ", max " + max);
    }
  }

  /** Statistics of durations given in nanoseconds. */
  public static IterationStatistics ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no iterations to summarize");
    }
    double[] millis = Arrays.stream(nanos).mapToDouble(value -> value / 1e6).sorted().toArray();
    return new IterationStatistics(
        percentile(millis, 0.5),
        percentile(millis, 0.1),
        percentile(millis, 0.9),
        Arrays.stream(millis).average().orElseThrow(),
        millis[0],
        millis[millis.length - 1]);
  }

  private static double percentile(double[] sorted, double fraction) {
    double position = fraction * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double weight = position - below;
    return sorted[below] + (sorted[above] - sorted[below]) * weight;
  }
}
