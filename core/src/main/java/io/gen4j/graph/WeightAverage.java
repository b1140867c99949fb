package io.gen4j.graph;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.Network;
import io.gen4j.spi.PostUpdate;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An exponential moving average of one network's variables, kept in a shadow network whose variables
 * have the same local names (e.g. {@code generator.dense1.kernel} and {@code generator_ema.dense1.kernel}).
 * State variables (batch-norm moving statistics) are copied, not averaged.
 */
public final class WeightAverage {

  private WeightAverage() {}

  /**
   * The post-update that refreshes {@code average} from {@code source} after each update of source.
   *
   * @param step the iteration being run
   */
  public static PostUpdate of(
      NetworkBuilder source, NetworkBuilder average, WeightAverageConfig config, Operand<TInt64> step) {
    return (Ops tf, Network network) -> {
      Operand<TFloat32> updates = tf.dtypes.cast(tf.math.sub(step, tf.constant(config.startStep())), TFloat32.class);
      Operand<TFloat32> positive = tf.math.maximum(updates, tf.constant(0f));
      Operand<TFloat32> warmUp = tf.math.div(positive, tf.math.add(positive, tf.constant(10f)));
      Operand<TFloat32> decay = tf.math.minimum(warmUp, tf.constant(config.decay()));
      Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), decay);
      List<Op> ops = new ArrayList<>();
      for (Map.Entry<String, Variable<TFloat32>> entry : pairs(source.trainableByLocalName(), average.trainableByLocalName())) {
        Variable<TFloat32> shadow = average.trainableByLocalName().get(entry.getKey());
        ops.add(tf.assign(shadow, tf.math.add(tf.math.mul(shadow, decay), tf.math.mul(entry.getValue(), keep))));
      }
      for (Map.Entry<String, Variable<TFloat32>> entry : pairs(source.stateByLocalName(), average.stateByLocalName())) {
        ops.add(tf.assign(average.stateByLocalName().get(entry.getKey()), entry.getValue()));
      }
      return ops;
    };
  }

  private static Iterable<Map.Entry<String, Variable<TFloat32>>> pairs(
      Map<String, Variable<TFloat32>> source, Map<String, Variable<TFloat32>> average) {
    if (!source.keySet().equals(average.keySet())) {
      throw new IllegalStateException(
          "the average network must have the variables of its source: " + source.keySet() + " vs " + average.keySet());
    }
    return source.entrySet();
  }
}
