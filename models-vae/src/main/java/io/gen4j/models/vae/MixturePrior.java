package io.gen4j.models.vae;

import io.gen4j.spi.graph.NetworkBuilder;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.TriangularSolve;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * The {@link SamplingPriorConfig sampling prior}: a mixture of K full-covariance Gaussians over the latent
 * space, kept as the running statistics of online EM (Cappé and Moulines 2009) on the posterior means of
 * the training batches: per component the mean responsibility n_k, the responsibility-weighted sum s_k
 * and second moment S_k, each moved toward its batch value by 1 - decay with every update of the network
 * (state variables {@code prior.weights}, {@code prior.sums}, {@code prior.squares}: checkpointed, so a
 * resumed run fits the same mixture). Parameters: weight n_k / Σn, mean s_k / n_k, covariance S_k / n_k −
 * mean meanᵀ + {@value #JITTER} I. The arithmetic is in float64.
 *
 * <p>{@link #codes} maps standard normal noise to draws of the mixture, exactly: the first coordinate's
 * normal quantile u = Φ(ε₀) picks component k by the cumulative weights and, rescaled within k's share of
 * [0, 1], gives back a standard normal Φ⁻¹((u − lower_k) / w_k) independent of k; with the other
 * coordinates it is the noise that k's Cholesky factor maps to the code. {@link #noise} inverts it for a
 * code, with the component that explains the code best.
 */
final class MixturePrior {

  /** Added to each covariance's diagonal, so that a component fitted to few codes stays invertible. */
  static final double JITTER = 1e-4;

  /** Quantiles are kept this far inside (0, 1), where Φ⁻¹ is finite in float64. */
  private static final double QUANTILE_MARGIN = 1e-15;

  private final Ops tf;
  private final int components;
  private final int latentSize;
  private final float decay;
  private final Variable<TFloat32> weights;
  private final Variable<TFloat32> sums;
  private final Variable<TFloat32> squares;

  private MixturePrior(Ops tf, int components, int latentSize, float decay, Variable<TFloat32> weights,
      Variable<TFloat32> sums, Variable<TFloat32> squares) {
    this.tf = tf;
    this.components = components;
    this.latentSize = latentSize;
    this.decay = decay;
    this.weights = weights;
    this.sums = sums;
    this.squares = squares;
  }

  /**
   * The prior's state variables in {@code network}, initialized to K equally weighted unit Gaussians
   * centred on standard normal draws fixed by the network's seed.
   */
  static MixturePrior create(NetworkBuilder network, SamplingPriorConfig config, int latentSize) {
    Ops tf = network.tf();
    int k = config.components();
    long seed = network.seedFor("prior.means");
    Supplier<Operand<TFloat32>> centres = () -> tf.random.statelessRandomNormal(
        tf.constant(new long[] {k, latentSize}), tf.constant(new long[] {seed, 0}));
    float share = 1f / k;
    Variable<TFloat32> weights = network.stateVariable("prior.weights",
        () -> tf.fill(tf.constant(new long[] {k}), tf.constant(share)));
    Variable<TFloat32> sums = network.stateVariable("prior.sums",
        () -> tf.math.mul(centres.get(), tf.constant(share)));
    Variable<TFloat32> squares = network.stateVariable("prior.squares", () -> {
      Operand<TFloat32> means = centres.get();
      Operand<TFloat32> outer = tf.math.mul(tf.expandDims(means, tf.constant(2)), tf.expandDims(means, tf.constant(1)));
      float[][] identity = new float[latentSize][latentSize];
      for (int i = 0; i < latentSize; i++) {
        identity[i][i] = 1;
      }
      return tf.math.mul(tf.math.add(tf.constant(identity), outer), tf.constant(share));
    });
    return new MixturePrior(tf, k, latentSize, config.decay(), weights, sums, squares);
  }

  /** Adds to {@code network}'s updates one online-EM step on a batch of posterior means {@code [b, d]}. */
  void fit(NetworkBuilder network, Operand<TFloat32> posteriorMeans) {
    Parameters parameters = parameters();
    Operand<TFloat64> x = tf.dtypes.cast(tf.stopGradient(posteriorMeans), TFloat64.class);
    // responsibilities [b, K]
    Operand<TFloat64> responsibilities = tf.nn.softmax(logDensities(parameters, x));
    Operand<TFloat64> batch = tf.dtypes.cast(tf.shape.size(tf.shape(x), tf.constant(0)), TFloat64.class);
    Operand<TFloat64> batchWeights = tf.math.div(tf.reduceSum(responsibilities, tf.constant(0)), batch);
    Operand<TFloat64> batchSums = tf.math.div(
        tf.linalg.matMul(responsibilities, x, MatMul.transposeA(true)), batch);
    // [K, b, d]: each code weighted by its responsibility for component k
    Operand<TFloat64> weighted = tf.math.mul(
        tf.expandDims(tf.linalg.transpose(responsibilities, tf.constant(new int[] {1, 0})), tf.constant(2)),
        tf.expandDims(x, tf.constant(0)));
    Operand<TFloat64> batchSquares = tf.math.div(BatchMatMul.create(tf.scope(), weighted,
        tf.expandDims(x, tf.constant(0)), TFloat64.class, BatchMatMul.adjX(true)), batch);
    network.addUpdate(tf.assign(weights, runningAverage(weights, batchWeights)));
    network.addUpdate(tf.assign(sums, runningAverage(sums, batchSums)));
    network.addUpdate(tf.assign(squares, runningAverage(squares, batchSquares)));
  }

  /** Draws of the mixture {@code [n, d]} from standard normal noise {@code [n, d]}. */
  Operand<TFloat32> codes(Operand<TFloat32> noise) {
    Parameters parameters = parameters();
    Operand<TFloat64> epsilon = tf.dtypes.cast(noise, TFloat64.class);
    Operand<TFloat64> quantile = normalQuantile(firstColumn(epsilon));
    Operand<TFloat64> upper = tf.math.cumsum(parameters.weights(), tf.constant(0));
    Operand<TFloat64> lower = tf.math.sub(upper, parameters.weights());
    // the component whose share of [0, 1] holds the quantile: how many shares end at or below it
    Operand<TInt32> passed = tf.reduceSum(tf.dtypes.cast(tf.math.greaterEqual(
        tf.expandDims(quantile, tf.constant(1)), tf.expandDims(upper, tf.constant(0))), TInt32.class), tf.constant(1));
    Operand<TInt32> component = tf.math.minimum(passed, tf.constant(components - 1));
    Operand<TFloat64> within = tf.math.div(tf.math.sub(quantile, gather(lower, component)),
        tf.math.maximum(gather(parameters.weights(), component), tf.constant(Double.MIN_NORMAL)));
    Operand<TFloat64> standard = withFirstColumn(epsilon, tf.math.ndtri(clipQuantile(within)));
    Operand<TFloat64> scaled = tf.squeeze(BatchMatMul.create(tf.scope(), gather(parameters.choleskyFactors(), component),
        tf.expandDims(standard, tf.constant(2)), TFloat64.class), Squeeze.axis(List.of(2L)));
    return tf.dtypes.cast(tf.math.add(gather(parameters.means(), component), scaled), TFloat32.class);
  }

  /** The noise {@code [n, d]} that {@link #codes} maps to {@code codes} {@code [n, d]}. */
  Operand<TFloat32> noise(Operand<TFloat32> codes) {
    Parameters parameters = parameters();
    Operand<TFloat64> z = tf.dtypes.cast(codes, TFloat64.class);
    Operand<TInt32> component = tf.math.argMax(logDensities(parameters, z), tf.constant(1), TInt32.class);
    Operand<TFloat64> centred = tf.expandDims(tf.math.sub(z, gather(parameters.means(), component)), tf.constant(2));
    Operand<TFloat64> standard = tf.squeeze(tf.linalg.triangularSolve(gather(parameters.choleskyFactors(), component),
        centred, TriangularSolve.lower(true)), Squeeze.axis(List.of(2L)));
    Operand<TFloat64> quantile = tf.math.add(gather(tf.math.sub(tf.math.cumsum(parameters.weights(), tf.constant(0)),
        parameters.weights()), component), tf.math.mul(gather(parameters.weights(), component),
        normalQuantile(firstColumn(standard))));
    return tf.dtypes.cast(withFirstColumn(standard, tf.math.ndtri(clipQuantile(quantile))), TFloat32.class);
  }

  private Operand<TFloat32> runningAverage(Variable<TFloat32> statistic, Operand<TFloat64> batchValue) {
    return tf.math.add(tf.math.mul(statistic, tf.constant(decay)),
        tf.math.mul(tf.dtypes.cast(batchValue, TFloat32.class), tf.constant(1 - decay)));
  }

  private Parameters parameters() {
    Operand<TFloat64> n = tf.dtypes.cast(weights, TFloat64.class);
    Operand<TFloat64> mass = tf.math.maximum(n, tf.constant(Double.MIN_NORMAL));
    Operand<TFloat64> means = tf.math.div(tf.dtypes.cast(sums, TFloat64.class), tf.expandDims(mass, tf.constant(1)));
    Operand<TFloat64> outer = tf.math.mul(tf.expandDims(means, tf.constant(2)), tf.expandDims(means, tf.constant(1)));
    Operand<TFloat64> secondMoments = tf.math.div(tf.dtypes.cast(squares, TFloat64.class),
        tf.reshape(mass, tf.constant(new long[] {components, 1, 1})));
    Operand<TFloat64> covariances = tf.math.sub(secondMoments, outer);
    Operand<TFloat64> symmetric = tf.math.mul(tf.math.add(covariances,
        tf.linalg.transpose(covariances, tf.constant(new int[] {0, 2, 1}))), tf.constant(0.5));
    Operand<TFloat64> factors = tf.linalg.cholesky(tf.math.add(symmetric, tf.math.mul(identity(), tf.constant(JITTER))));
    Operand<TFloat64> shares = tf.math.div(n, tf.reduceSum(n, tf.constant(0)));
    return new Parameters(shares, means, factors);
  }

  private Operand<TFloat64> identity() {
    double[][] values = new double[latentSize][latentSize];
    for (int i = 0; i < latentSize; i++) {
      values[i][i] = 1;
    }
    return tf.constant(values);
  }

  private Operand<TFloat64> normalQuantile(Operand<TFloat64> x) {
    // Φ(x) = erfc(−x / √2) / 2, accurate in both tails
    return tf.math.mul(tf.math.erfc(tf.math.mul(x, tf.constant(-Math.sqrt(0.5)))), tf.constant(0.5));
  }

  private Operand<TFloat64> clipQuantile(Operand<TFloat64> quantile) {
    return tf.clipByValue(quantile, tf.constant(QUANTILE_MARGIN), tf.constant(1 - 1e-16));
  }

  private Operand<TFloat64> firstColumn(Operand<TFloat64> matrix) {
    return tf.squeeze(tf.slice(matrix, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1})),
        Squeeze.axis(List.of(1L)));
  }

  private Operand<TFloat64> withFirstColumn(Operand<TFloat64> matrix, Operand<TFloat64> column) {
    Operand<TFloat64> rest = tf.slice(matrix, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1}));
    return tf.concat(List.of(tf.expandDims(column, tf.constant(1)), rest), tf.constant(1));
  }

  private Operand<TFloat64> gather(Operand<TFloat64> values, Operand<TInt32> indices) {
    return tf.gather(values, indices, tf.constant(0));
  }

  /** log(w_k) + log N(x | mean_k, cov_k), less the constant d/2 log 2π, {@code [b, K]} for codes {@code [b, d]}. */
  private Operand<TFloat64> logDensities(Parameters parameters, Operand<TFloat64> x) {
    Operand<TFloat64> centred = tf.math.sub(tf.expandDims(x, tf.constant(1)), tf.expandDims(parameters.means(),
        tf.constant(0)));
    Operand<TFloat64> solved = tf.linalg.triangularSolve(parameters.choleskyFactors(),
        tf.linalg.transpose(centred, tf.constant(new int[] {1, 2, 0})), TriangularSolve.lower(true));
    Operand<TFloat64> mahalanobis = tf.reduceSum(tf.math.square(solved), tf.constant(1));
    Operand<TFloat64> diagonals = tf.reduceSum(tf.math.mul(parameters.choleskyFactors(), identity()), tf.constant(2));
    Operand<TFloat64> logDeterminants = tf.reduceSum(tf.math.log(diagonals), tf.constant(1));
    Operand<TFloat64> perComponent = tf.math.sub(
        tf.math.log(tf.math.maximum(parameters.weights(), tf.constant(Double.MIN_NORMAL))), logDeterminants);
    Operand<TFloat64> densities = tf.math.sub(tf.expandDims(perComponent, tf.constant(1)),
        tf.math.mul(mahalanobis, tf.constant(0.5)));
    return tf.linalg.transpose(densities, tf.constant(new int[] {1, 0}));
  }

  /** The mixture's parameters in float64: weights [K], means [K, d], Cholesky factors [K, d, d]. */
  private record Parameters(Operand<TFloat64> weights, Operand<TFloat64> means, Operand<TFloat64> choleskyFactors) {}
}
