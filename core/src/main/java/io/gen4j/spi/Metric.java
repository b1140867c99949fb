package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A scalar a model logs, with its kind.
 *
 * @param value the scalar, fetched with the update that logs it
 * @param kind where the plot, the report and TensorBoard show it
 */
public record Metric(Operand<TFloat32> value, MetricKind kind) {

  public Metric {
    requireNonNull(value, "value is null");
    requireNonNull(kind, "kind is null");
  }
}
