package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A loss that one network minimizes. Core builds the update (gradients of {@code loss} with respect to
 * the network's variables only, applied by that network's optimizer); the model's {@link
 * GenerativeModel#trainer() trainer} decides when each objective runs.
 *
 * @param name the objective's name, which trainers and {@link TrainerSettings} refer to (e.g.
 *     "discriminator")
 * @param network the network whose variables this objective updates
 * @param loss the scalar to minimize
 * @param consumesData whether an update needs a new batch of real images (whether the loss reads
 *     {@link GraphContext#realImages()})
 * @param metrics scalars fetched with every update, by name; when empty, the loss is fetched as
 *     {@code <name>_loss}
 * @param metricKinds the declared kind of metrics, by name (each one of {@code metrics}); the plot
 *     guesses the kind of an undeclared one from its name and values
 * @param sideUpdates ops run together with every update, such as batch-norm moving averages
 * @param afterUpdate ops that run after the optimizer has applied its update, such as weight clipping;
 *     built by core with a control dependency on the update
 */
public record Objective(
    String name,
    Network network,
    Operand<TFloat32> loss,
    boolean consumesData,
    Map<String, Operand<TFloat32>> metrics,
    Map<String, MetricKind> metricKinds,
    List<Op> sideUpdates,
    PostUpdate afterUpdate) {

  public Objective {
    requireNonNull(name, "name is null");
    requireNonNull(network, "network is null");
    requireNonNull(loss, "loss is null");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    metricKinds = Collections.unmodifiableMap(new LinkedHashMap<>(metricKinds));
    for (String metric : metricKinds.keySet()) {
      if (!metrics.containsKey(metric)) {
        throw new IllegalArgumentException("objective " + name + " declares the kind of metric " + metric
            + ", which it does not log; it logs " + metrics.keySet());
      }
    }
    sideUpdates = List.copyOf(sideUpdates);
    requireNonNull(afterUpdate, "afterUpdate is null");
  }

  /** An objective with no extra metrics, side updates or post-update ops. */
  public static Objective of(String name, Network network, Operand<TFloat32> loss, boolean consumesData) {
    return new Objective(name, network, loss, consumesData, Map.of(), Map.of(), List.of(), PostUpdate.NONE);
  }

  /** This objective, also fetching the given metrics, of undeclared kind. */
  public Objective withMetrics(Map<String, Operand<TFloat32>> moreMetrics) {
    Map<String, Operand<TFloat32>> all = new LinkedHashMap<>(metrics);
    all.putAll(moreMetrics);
    return new Objective(name, network, loss, consumesData, all, metricKinds, sideUpdates, afterUpdate);
  }

  /** This objective, also fetching the given metrics, all of one kind. */
  public Objective withMetrics(Map<String, Operand<TFloat32>> moreMetrics, MetricKind kind) {
    requireNonNull(kind, "kind is null");
    Objective result = this;
    for (Map.Entry<String, Operand<TFloat32>> metric : moreMetrics.entrySet()) {
      result = result.withMetric(metric.getKey(), new Metric(metric.getValue(), kind));
    }
    return result;
  }

  /** This objective, also fetching {@code value} as the metric {@code metricName} of that kind. */
  public Objective withMetric(String metricName, Operand<TFloat32> value, MetricKind kind) {
    return withMetric(metricName, new Metric(value, kind));
  }

  /** This objective, also fetching the metric under that name. */
  public Objective withMetric(String metricName, Metric metric) {
    requireNonNull(metricName, "metricName is null");
    Map<String, Operand<TFloat32>> all = new LinkedHashMap<>(metrics);
    all.put(metricName, metric.value());
    Map<String, MetricKind> kinds = new LinkedHashMap<>(metricKinds);
    kinds.put(metricName, metric.kind());
    return new Objective(name, network, loss, consumesData, all, kinds, sideUpdates, afterUpdate);
  }

  /** This objective, also running the given ops with each update. */
  public Objective withSideUpdates(List<Op> ops) {
    return new Objective(
        name, network, loss, consumesData, metrics, metricKinds, Stream.concat(sideUpdates.stream(), ops.stream()).toList(),
        afterUpdate);
  }

  /** This objective, running {@code postUpdate} after each optimizer update. */
  public Objective withAfterUpdate(PostUpdate postUpdate) {
    return new Objective(name, network, loss, consumesData, metrics, metricKinds, sideUpdates, postUpdate);
  }
}
