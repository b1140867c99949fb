package io.gen4j.spi;

import java.util.Map;

/** Runs objective updates for a {@link Trainer}, feeding data and noise. */
public interface ObjectiveRunner {

  /** The iteration being run, counted from 0. */
  long step();

  /**
   * Applies one optimizer update of the named objective, with fresh noise and, if the objective
   * consumes data, the next batch of real images.
   *
   * @return the objective's metrics for this update; a metric of the objective's {@linkplain
   *     Objective#withLazyTerm lazy term} only on the updates that include the term, so a trainer that
   *     averages a metric over several updates divides by the number of updates that returned it
   */
  Map<String, Float> update(String objective);
}
