package io.gen4j.spi.adversarial;

import io.gen4j.spi.Noise;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Test noise from a fixed key, like the training graph's in-graph noise: each draw takes the next salt. */
final class FixedKeyNoise implements Noise {

  private final Ops tf;
  private final Operand<TInt64> key;
  private long salt;

  FixedKeyNoise(Ops tf, long seed) {
    this.tf = tf;
    this.key = tf.constant(new long[] {seed, 0});
  }

  @Override
  public Operand<TFloat32> normal(long... shape) {
    return tf.random.statelessRandomNormal(tf.constant(shape), nextKey());
  }

  @Override
  public Operand<TFloat32> uniform(long... shape) {
    return tf.random.statelessRandomUniform(tf.constant(shape), nextKey());
  }

  private Operand<TInt64> nextKey() {
    return tf.math.add(key, tf.constant(new long[] {++salt, 0}));
  }
}
