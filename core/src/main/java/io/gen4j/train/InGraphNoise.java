package io.gen4j.train;

import io.gen4j.spi.Noise;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Stateless random ops keyed by a fed {@code [seed, update counter]} key; each call salts the key's
 * first element, so calls draw independent streams.
 */
final class InGraphNoise implements Noise {

  private static final long SALT_STRIDE = 0x9E3779B97F4A7C15L;

  private final Ops tf;
  private final Operand<TInt64> key;
  private long salt;

  InGraphNoise(Ops tf, Operand<TInt64> key) {
    this.tf = tf;
    this.key = key;
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
    salt++;
    return tf.math.add(key, tf.constant(new long[] {salt * SALT_STRIDE, 0L}));
  }
}
