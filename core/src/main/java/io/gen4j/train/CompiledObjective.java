package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.MetricKind;
import io.gen4j.spi.Objective;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * An objective with its update op built: one run of {@code update} applies one optimizer step and
 * fetches {@code metricVector}.
 *
 * @param objective the model's objective
 * @param update the op that applies one optimizer step (with side updates and post-update ops)
 * @param metricNames names of the metrics fetched with each update
 * @param metricValues the metrics, in the order of their names
 * @param metricVector the metrics stacked into one vector in that order, so that an update fetches one
 *     tensor, not one per metric
 * @param metricKinds the kind of each metric whose kind is known, by name
 */
public record CompiledObjective(
    Objective objective,
    Op update,
    List<String> metricNames,
    List<Operand<TFloat32>> metricValues,
    Operand<TFloat32> metricVector,
    Map<String, MetricKind> metricKinds) {

  public CompiledObjective {
    requireNonNull(objective, "objective is null");
    requireNonNull(update, "update is null");
    metricNames = List.copyOf(metricNames);
    metricValues = List.copyOf(metricValues);
    requireNonNull(metricVector, "metricVector is null");
    if (metricNames.size() != metricValues.size()) {
      throw new IllegalArgumentException(metricNames.size() + " metric names for " + metricValues.size() + " values");
    }
    metricKinds = Collections.unmodifiableMap(new LinkedHashMap<>(metricKinds));
  }
}
