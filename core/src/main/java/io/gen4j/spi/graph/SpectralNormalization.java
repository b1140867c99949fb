package io.gen4j.spi.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalization (Miyato et al. 2018): a kernel divided by an estimate of its largest singular
 * value σ, so that the layer is (about) 1-Lipschitz. The kernel is viewed as a matrix {@code [rows,
 * cols]}, cols its last axis (a dense kernel {@code [in, out]} as it is, a convolution kernel {@code [k, k,
 * in, out]} as {@code [k·k·in, out]}). σ comes from one power iteration per update from the vector u
 * kept in the non-trainable state variable {@code <kernel>.sn_u} (so it is checkpointed and a resumed run
 * continues exactly): v = normalize(u Wᵀ), û = normalize(v W), σ = v W ûᵀ. The kernel's gradient flows
 * through σ, with u and v held constant (their stop-gradient), and the network's updates store û in u.
 * Sampling and export compute the same σ from the stored u, so a trained network samples as it trained.
 */
final class SpectralNormalization {

  private static final float EPSILON = 1e-12f;

  /** The suffix of the state variable that keeps a kernel's power-iteration vector. */
  static final String VECTOR_SUFFIX = ".sn_u";

  private SpectralNormalization() {}

  /**
   * The normalized kernel, W / σ; records the update of u on the network.
   *
   * @param localName the kernel's name within the network
   */
  static Normalized normalize(NetworkBuilder network, String localName, Variable<TFloat32> kernel) {
    Ops tf = network.tf();
    long[] shape = kernel.shape().asArray();
    if (shape.length < 2) {
      throw new IllegalArgumentException(
          "spectral normalization needs a kernel of rank 2 or more, got shape " + kernel.shape() + " for " + localName);
    }
    long columns = shape[shape.length - 1];
    long rows = kernel.shape().size() / columns;
    String vectorName = localName + VECTOR_SUFFIX;
    long vectorSeed = network.seedFor(vectorName);
    Variable<TFloat32> vector = network.stateVariable(vectorName, () -> unit(tf,
        tf.random.statelessRandomNormal(tf.constant(new long[] {1, columns}), tf.constant(new long[] {vectorSeed, 0}))));
    Operand<TFloat32> matrix = tf.reshape(kernel, tf.constant(new long[] {rows, columns}));
    Operand<TFloat32> left = tf.stopGradient(
        unit(tf, tf.linalg.matMul(vector, matrix, org.tensorflow.op.linalg.MatMul.transposeB(true))));
    Operand<TFloat32> right = tf.stopGradient(unit(tf, tf.linalg.matMul(left, matrix)));
    Operand<TFloat32> sigma = tf.sum(tf.math.mul(tf.linalg.matMul(left, matrix), right), tf.constant(new int[] {0, 1}));
    network.addUpdate(tf.assign(vector, right));
    return new Normalized(tf.math.div(kernel, sigma), sigma);
  }

  /** A normalized kernel and the σ it was divided by. */
  record Normalized(Operand<TFloat32> kernel, Operand<TFloat32> sigma) {}

  /** Row vectors scaled to unit L2 norm. */
  private static Operand<TFloat32> unit(Ops tf, Operand<TFloat32> rows) {
    Operand<TFloat32> squaredNorm = tf.sum(tf.math.square(rows), tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
    return tf.math.mul(rows, tf.math.rsqrt(tf.math.maximum(squaredNorm, tf.constant(EPSILON))));
  }
}
