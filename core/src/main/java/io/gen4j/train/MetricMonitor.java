package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ConfigException;
import io.gen4j.config.MetricMode;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows one metrics series through a run's observations (logged intervals and held-out evaluations)
 * and tells whether each value improved on the best so far: what early stopping and the best
 * checkpoint watch. Series are named as in {@code metrics.jsonl} and the report: a logged metric by its
 * name, an evaluation score as {@code <dataset> <score>}. An observation without the series (a lazy
 * term's metric in an interval that did not compute it) is no observation: it neither improves nor
 * counts towards the patience.
 */
final class MetricMonitor {

  /** What an observation did to the watched series. */
  enum Outcome {
    /** The observation does not carry the series. */
    ABSENT,
    /** A new best value. */
    IMPROVED,
    /** No better than the best by more than the minimum change. */
    NOT_IMPROVED
  }

  private final String field;
  private final String metric;
  private final MetricMode mode;
  private final double minDelta;
  private double best;
  private long bestStep = -1;
  private int sinceImprovement;
  private boolean checkedLogged;
  private boolean checkedEvaluated;
  private Set<String> occasional = Set.of();

  /**
   * @param field the config field that names the series, for errors ({@code training.earlyStopping})
   */
  MetricMonitor(String field, String metric, MetricMode mode, double minDelta) {
    this.field = requireNonNull(field, "field is null");
    this.metric = requireNonNull(metric, "metric is null");
    this.mode = requireNonNull(mode, "mode is null");
    this.minDelta = minDelta;
    this.best = mode == MetricMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** Starts from a best value recorded earlier (by the run being resumed). */
  void startFrom(double value, long step) {
    best = value;
    bestStep = step;
  }

  /**
   * Names the metrics the run logs in some intervals only ({@link ModelAssembly#lazyMetricNames()}): a
   * watched one of them that a logged interval lacks is awaited, not an error.
   */
  void loggedOccasionally(Set<String> metrics) {
    occasional = Set.copyOf(metrics);
  }

  /** Whether the series is an evaluation score ({@code <dataset> <score>}) rather than a logged metric. */
  boolean watchesEvaluation() {
    return metric.contains(" ");
  }

  /**
   * Offers a logged interval's metrics. The first time, checks that a logged metric being watched is
   * among them or among those {@linkplain #loggedOccasionally logged occasionally}.
   *
   * @throws ConfigException naming the field and the metrics the run logs when it is not
   */
  Outcome logged(long step, Map<String, Double> metrics) {
    if (!watchesEvaluation() && !checkedLogged) {
      checkedLogged = true;
      if (!metrics.containsKey(metric) && !occasional.contains(metric)) {
        TreeSet<String> logged = new TreeSet<>(metrics.keySet());
        logged.addAll(occasional);
        throw new ConfigException(field + ".metric: '" + metric + "' is not a metric of this run; it logs "
            + String.join(", ", logged));
      }
    }
    return offer(step, metrics.get(metric));
  }

  /**
   * Offers a held-out evaluation's scores, named {@code <dataset> <score>}. The first time, checks that
   * an evaluation score being watched is among them.
   */
  Outcome evaluated(long step, String dataset, Map<String, Double> scores) {
    if (!watchesEvaluation()) {
      return Outcome.ABSENT;
    }
    String prefix = dataset + " ";
    if (!metric.startsWith(prefix) || !scores.containsKey(metric.substring(prefix.length()))) {
      if (!checkedEvaluated) {
        checkedEvaluated = true;
        TreeSet<String> names = new TreeSet<>();
        scores.keySet().forEach(score -> names.add(prefix + score));
        throw new ConfigException(field + ".metric: '" + metric + "' is not a score of this run's held-out"
            + " evaluation; it scores " + String.join(", ", names));
      }
      return Outcome.ABSENT;
    }
    checkedEvaluated = true;
    return offer(step, scores.get(metric.substring(prefix.length())));
  }

  /**
   * Checks, before training, that a watched evaluation score can come at all.
   *
   * @param evaluated whether the model scores a held-out split
   */
  void requireSource(boolean evaluated) {
    if (watchesEvaluation() && !evaluated) {
      throw new ConfigException(field + ".metric: '" + metric + "' names a held-out score ('<dataset> <score>'),"
          + " but this model scores no held-out split; watch one of its logged metrics instead");
    }
  }

  private Outcome offer(long step, Double value) {
    if (value == null || value.isNaN()) {
      return Outcome.ABSENT;
    }
    if (bestStep < 0 || mode.improves(value, best, minDelta)) {
      best = value;
      bestStep = step;
      sinceImprovement = 0;
      return Outcome.IMPROVED;
    }
    sinceImprovement++;
    return Outcome.NOT_IMPROVED;
  }

  /** Observations since the last improvement. */
  int sinceImprovement() {
    return sinceImprovement;
  }

  String metric() {
    return metric;
  }

  MetricMode mode() {
    return mode;
  }

  /** The best value so far, if any. */
  OptionalDouble best() {
    return bestStep < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
  }

  /** The step of the best value, or -1. */
  long bestStep() {
    return bestStep;
  }
}
