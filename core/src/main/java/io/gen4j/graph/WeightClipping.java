package io.gen4j.graph;

import io.gen4j.spi.Network;
import io.gen4j.spi.PostUpdate;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Clips every variable of a network to [-limit, limit] after its update (the original WGAN's constraint). */
public final class WeightClipping {

  private WeightClipping() {}

  /** The post-update that clips a network's variables. */
  public static PostUpdate to(float limit) {
    if (!(limit > 0)) {
      throw new IllegalArgumentException("clip limit must be greater than 0, got " + limit);
    }
    return (Ops tf, Network network) -> {
      Operand<TFloat32> low = tf.constant(-limit);
      Operand<TFloat32> high = tf.constant(limit);
      return network.variables().stream()
          .map(variable -> (Op) tf.assign(variable, tf.clipByValue(variable, low, high)))
          .toList();
    };
  }

}
