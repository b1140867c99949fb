package io.gen4j.spi;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Random tensors drawn in the graph with stateless random ops keyed by (seed, update counter): every
 * update of a run draws fresh values, and a resumed run draws exactly the values an uninterrupted run
 * would. Each call returns an independent stream.
 */
public interface Noise {

  /** Standard normal values of the given shape. */
  Operand<TFloat32> normal(long... shape);

  /** Values uniform in [0, 1) of the given shape. */
  Operand<TFloat32> uniform(long... shape);
}
