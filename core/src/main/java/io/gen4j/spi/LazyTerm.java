package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A penalty that an {@link Objective} adds to its loss on every {@code interval}-th of its updates
 * only, and whose gradient the other updates do not compute at all: StyleGAN2's lazy regularization
 * (Karras et al. 2020), such as an R1 penalty computed on every 16th critic update. Attach one with
 * {@link Objective#withLazyTerm}, which describes which updates get it.
 *
 * @param interval the term is part of every {@code interval}-th update of the objective, at least 1
 *     (1: of every update)
 * @param term the scalar added to the objective's loss on those updates, already scaled by the caller
 *     (typically by {@code interval}, so that its average pull matches an eager penalty's)
 * @param metrics scalars fetched with the updates that include the term only, by name
 */
public record LazyTerm(int interval, Operand<TFloat32> term, Map<String, Metric> metrics) {

  public LazyTerm {
    if (interval < 1) {
      throw new IllegalArgumentException("the interval of a lazy term must be at least 1, got " + interval);
    }
    requireNonNull(term, "term is null");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metrics, "metrics is null")));
    metrics.forEach((name, metric) -> requireNonNull(metric, "metric " + name + " is null"));
  }
}
