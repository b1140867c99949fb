package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * @param metrics scalars fetched with every update, by name; when empty, the loss (without a lazy
 *     term) is fetched as {@code <name>_loss}
 * @param metricKinds the declared kind of metrics, by name (each one of {@code metrics}); the plot
 *     guesses the kind of an undeclared one from its name and values
 * @param sideUpdates ops run together with every update, such as batch-norm moving averages
 * @param afterUpdate ops that run after the optimizer has applied its update, such as weight clipping;
 *     built by core with a control dependency on the update and the side updates
 * @param lazyTerm optional: a penalty added to the loss on every k-th update only (see {@link
 *     #withLazyTerm})
 */
public record Objective(
    String name,
    Network network,
    Operand<TFloat32> loss,
    boolean consumesData,
    Map<String, Operand<TFloat32>> metrics,
    Map<String, MetricKind> metricKinds,
    List<Op> sideUpdates,
    PostUpdate afterUpdate,
    Optional<LazyTerm> lazyTerm) {

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
    requireNonNull(lazyTerm, "lazyTerm is null");
    for (String metric : lazyTerm.map(term -> term.metrics().keySet()).orElse(Set.of())) {
      if (metrics.containsKey(metric)) {
        throw new IllegalArgumentException("objective " + name + " logs metric " + metric
            + " both with every update and with its lazy term; give them different names");
      }
    }
  }

  /** An objective without a lazy term. */
  public Objective(
      String name,
      Network network,
      Operand<TFloat32> loss,
      boolean consumesData,
      Map<String, Operand<TFloat32>> metrics,
      Map<String, MetricKind> metricKinds,
      List<Op> sideUpdates,
      PostUpdate afterUpdate) {
    this(name, network, loss, consumesData, metrics, metricKinds, sideUpdates, afterUpdate, Optional.empty());
  }

  /** An objective with no extra metrics, side updates or post-update ops. */
  public static Objective of(String name, Network network, Operand<TFloat32> loss, boolean consumesData) {
    return new Objective(name, network, loss, consumesData, Map.of(), Map.of(), List.of(), PostUpdate.NONE);
  }

  /** This objective, also fetching the given metrics, of undeclared kind. */
  public Objective withMetrics(Map<String, Operand<TFloat32>> moreMetrics) {
    Map<String, Operand<TFloat32>> all = new LinkedHashMap<>(metrics);
    all.putAll(moreMetrics);
    return new Objective(name, network, loss, consumesData, all, metricKinds, sideUpdates, afterUpdate, lazyTerm);
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
    return new Objective(name, network, loss, consumesData, all, kinds, sideUpdates, afterUpdate, lazyTerm);
  }

  /** This objective, also running the given ops with each update. */
  public Objective withSideUpdates(List<Op> ops) {
    return new Objective(
        name, network, loss, consumesData, metrics, metricKinds, Stream.concat(sideUpdates.stream(), ops.stream()).toList(),
        afterUpdate, lazyTerm);
  }

  /** This objective, running {@code postUpdate} after each optimizer update. */
  public Objective withAfterUpdate(PostUpdate postUpdate) {
    return new Objective(name, network, loss, consumesData, metrics, metricKinds, sideUpdates, postUpdate, lazyTerm);
  }

  /**
   * This objective with a lazy term (StyleGAN2's lazy regularization): a penalty such as R1 that is
   * added to the loss on every {@code interval}-th update of this objective only, and whose gradient the
   * other updates do not compute at all, which is what saves the compute.
   *
   * <p>Which updates: this objective's updates are counted from 0 over the whole run, the {@code i}-th
   * update (from 0) of step {@code s} being update {@code s * u + i}, where {@code u} is the objective's
   * updates per step ({@link TrainerSettings#updates(String)} of the model's {@link
   * GenerativeModel#trainerSettings()}). Updates 0, {@code interval}, {@code 2 * interval}, ... minimize
   * {@code loss + term}; the others minimize {@code loss} alone. The count derives from the step, not from
   * a counter kept in memory, so a run resumed at any step picks exactly the updates an uninterrupted run
   * picks. It also means that a trainer must run exactly {@code u} updates of such an objective per step;
   * core refuses more. With {@code interval} 1 every update minimizes {@code loss + term}, exactly as if
   * {@code term} had been added to {@code loss}.
   *
   * <p>The caller scales {@code term}: core adds it as it is. To keep the penalty's average weight that
   * of an eager one, multiply it by {@code interval}.
   *
   * <p>Both kinds of update apply their gradients through the same optimizer (one set of slot
   * variables, one Adam step count) at the same learning rate, with the same {@link #sideUpdates()} and
   * {@link #afterUpdate()}; {@code <network>_grad_norm} is the norm of the gradient applied, the term's
   * included on the updates that have it. {@code termMetrics} are fetched with the updates that include
   * the term only: on the others they are not computed, and they are absent from that update's metrics
   * (neither 0 nor repeated). Core's trainer averages a metric over the updates of a step that computed
   * it, and the training loop over the steps of a logged interval that did; an interval without any
   * leaves the metric out of its line in {@code metrics.jsonl}, its TensorBoard scalars and the progress
   * display, and early stopping or the best checkpoint watching it wait for the next interval that has
   * it.
   *
   * @param interval the term is part of every {@code interval}-th update, at least 1
   * @param term the scalar penalty, already scaled; it may read {@link GraphContext#realImages()} only if
   *     the objective consumes data
   * @param termMetrics scalars fetched with the updates that include the term, by name; none may share
   *     a name with {@link #metrics()}
   * @throws IllegalArgumentException if {@code interval} is less than 1 or a metric name is taken
   * @throws IllegalStateException if this objective already has a lazy term
   */
  public Objective withLazyTerm(int interval, Operand<TFloat32> term, Map<String, Metric> termMetrics) {
    if (lazyTerm.isPresent()) {
      throw new IllegalStateException(
          "objective " + name + " already has a lazy term; add the penalties into one term");
    }
    return new Objective(name, network, loss, consumesData, metrics, metricKinds, sideUpdates, afterUpdate,
        Optional.of(new LazyTerm(interval, term, termMetrics)));
  }
}
