package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.LearningRateSchedule;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A network's learning rate as a graph value: its base rate times a {@link LearningRateSchedule}'s
 * factor at the iteration being run, computed from the {@code step} input fed with every update, so a
 * resumed run gets exactly the rates an uninterrupted one would. The optimizer's apply ops take it as
 * their learning-rate input, unchanged.
 */
public final class LearningRates {

  private LearningRates() {}

  /**
   * The scheduled rate: {@link LearningRateSchedule#factor(long, long)} in float32 ops.
   *
   * @param base the optimizer's learning rate
   * @param step the iteration, counted from 0 (int64 scalar)
   * @param totalSteps the iterations of the run, which a decay without {@code decaySteps} spans
   */
  public static Operand<TFloat32> scheduled(
      Ops tf, float base, LearningRateSchedule schedule, Operand<TInt64> step, long totalSteps) {
    requireNonNull(schedule, "schedule is null");
    Operand<TFloat32> iteration = tf.dtypes.cast(step, TFloat32.class);
    Operand<TFloat32> after;
    if (schedule instanceof LearningRateSchedule.Linear linear) {
      Operand<TFloat32> progress = progress(tf, iteration, linear.warmupSteps(), linear.decaySteps(), totalSteps);
      after = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant((float) (1 - linear.finalFraction())), progress));
    } else if (schedule instanceof LearningRateSchedule.Cosine cosine) {
      Operand<TFloat32> progress = progress(tf, iteration, cosine.warmupSteps(), cosine.decaySteps(), totalSteps);
      Operand<TFloat32> half = tf.math.mul(
          tf.constant(0.5f), tf.math.add(tf.constant(1f), tf.math.cos(tf.math.mul(tf.constant((float) Math.PI), progress))));
      after = tf.math.add(
          tf.constant((float) cosine.finalFraction()), tf.math.mul(tf.constant((float) (1 - cosine.finalFraction())), half));
    } else {
      after = tf.constant(1f);
    }
    Operand<TFloat32> factor = after;
    if (schedule.warmupSteps() > 0) {
      Operand<TFloat32> warmup = tf.math.div(tf.math.add(iteration, tf.constant(1f)), tf.constant((float) schedule.warmupSteps()));
      factor = tf.select(tf.math.less(iteration, tf.constant((float) schedule.warmupSteps())), warmup, after);
    }
    return tf.math.mul(tf.constant(base), factor);
  }

  /** (step - warmup) / decay length, clipped to [0, 1]. */
  private static Operand<TFloat32> progress(
      Ops tf, Operand<TFloat32> iteration, long warmupSteps, long decaySteps, long totalSteps) {
    long length = LearningRateSchedule.decayLength(warmupSteps, decaySteps, totalSteps);
    Operand<TFloat32> done = tf.math.div(tf.math.sub(iteration, tf.constant((float) warmupSteps)), tf.constant((float) length));
    return tf.clipByValue(done, tf.constant(0f), tf.constant(1f));
  }
}
