package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * One update op of an objective with the metrics it fetches: one run of {@code op} applies one
 * optimizer step and fetches {@code metricVector}.
 *
 * @param op the op that applies one optimizer step (with the objective's side updates and post-update
 *     ops)
 * @param metricNames names of the metrics fetched with this update
 * @param metricValues the metrics, in the order of their names
 * @param metricVector the metrics stacked into one vector in that order, so that an update fetches one
 *     tensor, not one per metric
 */
public record CompiledUpdate(
    Op op, List<String> metricNames, List<Operand<TFloat32>> metricValues, Operand<TFloat32> metricVector) {

  public CompiledUpdate {
    requireNonNull(op, "op is null");
    metricNames = List.copyOf(metricNames);
    metricValues = List.copyOf(metricValues);
    requireNonNull(metricVector, "metricVector is null");
    if (metricNames.size() != metricValues.size()) {
      throw new IllegalArgumentException(metricNames.size() + " metric names for " + metricValues.size() + " values");
    }
    if (metricNames.stream().distinct().count() != metricNames.size()) {
      throw new IllegalArgumentException("metric names repeat: " + metricNames);
    }
  }
}
