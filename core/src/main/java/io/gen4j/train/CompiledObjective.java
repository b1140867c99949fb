package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.LazyTerm;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.Objective;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An objective with its update ops built: {@code update}, and for an objective with a {@linkplain
 * Objective#withLazyTerm lazy term} of interval 2 or more also {@code regularizedUpdate}, the same
 * optimizer step on the loss plus the term. {@link #updateAt} says which of them an update runs.
 *
 * @param objective the model's objective
 * @param update the update on the objective's loss (plus its lazy term when the term's interval is 1)
 * @param regularizedUpdate for a lazy term of interval 2 or more, the update on the loss plus the term,
 *     which also fetches the term's metrics; it steps the same optimizer state as {@code update}
 * @param updatesPerStep the objective's updates per step, from the model's trainer settings, which
 *     number its updates over the run (see {@link #updateAt})
 * @param metricKinds the kind of each metric either update fetches whose kind is known, by name
 */
public record CompiledObjective(
    Objective objective,
    CompiledUpdate update,
    Optional<CompiledUpdate> regularizedUpdate,
    int updatesPerStep,
    Map<String, MetricKind> metricKinds) {

  public CompiledObjective {
    requireNonNull(objective, "objective is null");
    requireNonNull(update, "update is null");
    requireNonNull(regularizedUpdate, "regularizedUpdate is null");
    if (regularizedUpdate.isPresent() != objective.lazyTerm().filter(term -> term.interval() > 1).isPresent()) {
      throw new IllegalArgumentException("objective " + objective.name()
          + ": a regularized update goes with a lazy term of interval 2 or more, and only with one");
    }
    if (updatesPerStep < 1) {
      throw new IllegalArgumentException("updates per step must be at least 1, got " + updatesPerStep);
    }
    metricKinds = Collections.unmodifiableMap(new LinkedHashMap<>(metricKinds));
  }

  /**
   * The update to run as update {@code indexInStep} (from 0) of this objective in step {@code step}:
   * the {@linkplain #regularizedUpdate() regularized update} when the objective's update number {@code
   * step * updatesPerStep + indexInStep} is a multiple of its lazy term's interval, else {@link
   * #update()}. A function of the position in training alone, so a resumed run chooses as an
   * uninterrupted one.
   *
   * @throws IllegalStateException if the objective has a regularized update and {@code indexInStep} is
   *     not below {@code updatesPerStep} (a trainer ran more updates than the settings say, which would
   *     number two updates alike)
   */
  public CompiledUpdate updateAt(long step, int indexInStep) {
    if (regularizedUpdate.isEmpty()) {
      return update;
    }
    if (indexInStep < 0 || indexInStep >= updatesPerStep) {
      throw new IllegalStateException("objective '" + objective.name() + "' has a lazy term and " + updatesPerStep
          + " updates per step by the model's trainer settings, but step " + step + " ran update " + (indexInStep + 1)
          + " of it; a trainer must update such an objective exactly as often per step as the settings say");
    }
    long number = step * updatesPerStep + indexInStep;
    return number % interval() == 0 ? regularizedUpdate.get() : update;
  }

  /** The lazy term's interval: every how many updates the regularized update runs; 1 without one. */
  public int interval() {
    return objective.lazyTerm().map(LazyTerm::interval).orElse(1);
  }

  /** Both updates: {@link #update()}, then the regularized update if there is one. */
  public List<CompiledUpdate> updates() {
    return Stream.concat(Stream.of(update), regularizedUpdate.stream()).toList();
  }
}
