package io.gen4j.spi;

import java.util.List;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Ops that run after an optimizer update, such as clipping a critic's weights or updating a moving
 * average of a generator's weights.
 */
@FunctionalInterface
public interface PostUpdate {

  /** Runs nothing. */
  PostUpdate NONE = (tf, network) -> List.of();

  /**
   * Builds the ops.
   *
   * @param tf ops that already carry a control dependency on the update
   * @param network the network the update changed
   */
  List<Op> build(Ops tf, Network network);
}
