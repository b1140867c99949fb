package io.gen4j.train;

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
 * fetches {@code metricValues}.
 *
 * @param objective the model's objective
 * @param update the op that applies one optimizer step (with side updates and post-update ops)
 * @param metricNames names of the metrics fetched with each update
 * @param metricValues the metrics, in the order of their names
 * @param metricKinds the kind of each metric whose kind is known, by name
 */
public record CompiledObjective(
    Objective objective, Op update, List<String> metricNames, List<Operand<TFloat32>> metricValues,
    Map<String, MetricKind> metricKinds) {

  public CompiledObjective {
    metricNames = List.copyOf(metricNames);
    metricValues = List.copyOf(metricValues);
    metricKinds = Collections.unmodifiableMap(new LinkedHashMap<>(metricKinds));
  }
}
