package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sweep's comparison: one row per combination with the mean and standard deviation over its finished
 * runs (its seeds) of every metric, ranked best first by the sweep's metric.
 *
 * @param index the plan
 * @param metric the metric rows are ranked by
 * @param columns the metrics at least one finished run has, in column order
 * @param rows the combinations, best first; combinations without a value of the metric last, in plan order
 * @param runs every run's result, by name in plan order
 */
public record SweepSummary(
    SweepIndex index, SummaryMetric metric, List<SummaryMetric> columns, List<Row> rows, Map<String, RunResult> runs) {

  public SweepSummary {
    requireNonNull(index, "index is null");
    requireNonNull(metric, "metric is null");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
  }

  /**
   * Mean and spread of one metric over a combination's finished runs.
   *
   * @param mean the arithmetic mean
   * @param standardDeviation the sample standard deviation (divided by n - 1); NaN for fewer than 2 runs
   * @param count how many runs had a value
   */
  public record Statistic(double mean, double standardDeviation, int count) {

    /** The statistic of some values, at least one. */
    public static Statistic of(List<Double> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no values");
      }
      double sum = 0;
      for (double value : values) {
        sum += value;
      }
      double mean = sum / values.size();
      if (values.size() < 2) {
        return new Statistic(mean, Double.NaN, 1);
      }
      double squares = 0;
      for (double value : values) {
        squares += (value - mean) * (value - mean);
      }
      return new Statistic(mean, Math.sqrt(squares / (values.size() - 1)), values.size());
    }
  }

  /**
   * One combination.
   *
   * @param combination its name
   * @param values its axis values by axis path, as compact JSON text
   * @param planned its runs (one per seed)
   * @param finished its runs that trained and were evaluated
   * @param failed its runs whose latest attempt failed
   * @param statistics by metric id, over its finished runs
   */
  public record Row(
      String combination, Map<String, String> values, int planned, int finished, int failed,
      Map<String, Statistic> statistics) {

    public Row {
      requireNonNull(combination, "combination is null");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    }

    /** The axis values as a label, such as {@code hinge} or {@code 64, 0.0002}; the name when there are no axes. */
    public String label() {
      return values.isEmpty() ? combination : String.join(", ", values.values());
    }
  }

  /** Summarizes the runs of a plan. */
  public static SweepSummary of(SweepIndex index, Map<String, RunResult> results) {
    SummaryMetric metric = SummaryMetric.of(index.metric());
    Map<String, List<SweepIndex.Entry>> combinations = new LinkedHashMap<>();
    index.runs().forEach(entry -> combinations.computeIfAbsent(entry.combination(), key -> new ArrayList<>()).add(entry));
    Set<String> present = new LinkedHashSet<>();
    Set<String> heldOut = new TreeSet<>();
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<SweepIndex.Entry>> combination : combinations.entrySet()) {
      Map<String, List<Double>> values = new LinkedHashMap<>();
      int finished = 0;
      int failed = 0;
      for (SweepIndex.Entry entry : combination.getValue()) {
        RunResult result = results.get(entry.name());
        if (result == null) {
          continue;
        }
        if (result.state() == RunResult.State.FAILED) {
          failed++;
        }
        if (result.state() != RunResult.State.FINISHED) {
          continue;
        }
        finished++;
        result.metrics().forEach((id, value) -> {
          if (Double.isFinite(value)) {
            values.computeIfAbsent(id, key -> new ArrayList<>()).add(value);
            present.add(id);
            if (SummaryMetric.known(id).isEmpty()) {
              heldOut.add(id);
            }
          }
        });
      }
      Map<String, Statistic> statistics = new LinkedHashMap<>();
      values.forEach((id, list) -> statistics.put(id, Statistic.of(list)));
      rows.add(new Row(combination.getKey(), combination.getValue().get(0).values(), combination.getValue().size(),
          finished, failed, statistics));
    }
    List<SummaryMetric> columns = new ArrayList<>();
    for (SummaryMetric known : SummaryMetric.KNOWN) {
      if (known == SummaryMetric.TRAINING_SECONDS) {
        heldOut.forEach(id -> columns.add(SummaryMetric.of(id)));
      }
      if (present.contains(known.id())) {
        columns.add(known);
      }
    }
    return new SweepSummary(index, metric, columns, rank(rows, metric), results);
  }

  /** Rows with a value of the metric, best first; then the others in their order. */
  static List<Row> rank(List<Row> rows, SummaryMetric metric) {
    List<Row> ranked = new ArrayList<>(rows.stream().filter(row -> row.statistics().containsKey(metric.id())).toList());
    Comparator<Row> byMean = Comparator.comparingDouble(row -> row.statistics().get(metric.id()).mean());
    ranked.sort(metric.better() == SummaryMetric.Better.LOWER ? byMean : byMean.reversed());
    rows.stream().filter(row -> !row.statistics().containsKey(metric.id())).forEach(ranked::add);
    return ranked;
  }
}
