package io.gen4j.spi;

import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Ops that run after an optimizer update, such as clipping a critic's weights or updating a moving
 * average of a generator's weights.
 *
 * <p>Core builds them once per update op of the objective: twice for an objective with a {@linkplain
 * Objective#withLazyTerm lazy term} (after the update with the term and after the one without), so
 * {@link #build} must only build ops on existing variables, never create variables of its own.
 */
@FunctionalInterface
public interface PostUpdate {

  /** Runs nothing. */
  PostUpdate NONE = (tf, network) -> List.of();

  /**
   * Builds the ops.
   *
   * @param tf ops that already carry a control dependency on the update and on the objective's side
   *     updates, so that they see the state both wrote
   * @param network the network the update changed
   */
  List<Op> build(Ops tf, Network network);
}
