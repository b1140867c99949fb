package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.graph.Contraction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Times one contraction alone: a graph of the same op on random operands of the same shapes, repeated
 * one after another in a chain (control dependencies, so the ops of a chain never overlap) often enough
 * that one run takes tens of milliseconds, so that the cost of the run itself hardly counts. There are
 * as many independent chains as the machine has cores, so that the figure is the machine's throughput
 * whatever the thread settings: one op split across the intra-op threads, or one op per core side by
 * side on the inter-op threads. Grappler is off for these graphs so that it does not merge the
 * repeats; TensorFlow's oneDNN rewrite, which picks the kernel, is not part of Grappler and applies as
 * in training.
 */
public final class ContractionTimer {

  /** Wall time one timed run aims at. */
  static final double TARGET_RUN_SECONDS = 0.03;

  /** Assumed speed when choosing the number of repeats; the measurement does not depend on it. */
  private static final double ASSUMED_FLOPS_PER_SECOND = 3e11;

  private static final int MAX_REPEATS = 2000;
  private static final int WARMUP_RUNS = 3;
  private static final int TIMED_RUNS = 9;

  private final ConfigProto sessionConfig;
  private final int chains;

  /**
   * @param sessionConfig the session options of the runs being compared (thread counts); Grappler is
   *     turned off on top of them
   * @param chains independent chains of ops, at least 1: the machine's cores
   */
  public ContractionTimer(ConfigProto sessionConfig, int chains) {
    if (chains < 1) {
      throw new IllegalArgumentException("chains must be at least 1, got " + chains);
    }
    this.chains = chains;
    ConfigProto base = requireNonNull(sessionConfig, "sessionConfig is null");
    this.sessionConfig = base.toBuilder()
        .setGraphOptions(base.getGraphOptions().toBuilder()
            .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
        .build();
  }

  /** Times {@code contraction}: the median of several runs, each of many repeats in every chain. */
  public ContractionSpeed time(Contraction contraction) {
    requireNonNull(contraction, "contraction is null");
    int repeats = (int) Math.max(1, Math.min(MAX_REPEATS,
        Math.ceil(TARGET_RUN_SECONDS * ASSUMED_FLOPS_PER_SECOND / contraction.flops() / chains)));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      List<Op> ends = new ArrayList<>();
      for (int chain = 0; chain < chains; chain++) {
        ends.add(chain(tf, contraction, repeats, chain));
      }
      Op last = tf.withControlDependencies(ends).noOp();
      try (Session session = new Session(graph, sessionConfig)) {
        session.initialize();
        for (int i = 0; i < WARMUP_RUNS; i++) {
          session.run(last);
        }
        long[] nanos = new long[TIMED_RUNS];
        for (int i = 0; i < nanos.length; i++) {
          long start = System.nanoTime();
          session.run(last);
          nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double secondsPerOp = nanos[nanos.length / 2] / 1e9 / repeats / chains;
        return new ContractionSpeed(contraction, chains, repeats, secondsPerOp * 1e3,
            contraction.flops() / secondsPerOp / 1e9);
      }
    }
  }

  /** One chain of {@code repeats} ops, each after the previous one; returns the last. */
  private static Op chain(Ops tf, Contraction contraction, int repeats, int index) {
    Operand<TFloat32> first = random(tf, contraction.type().equals(Contraction.CONV2D_BACKPROP_INPUT)
        ? contraction.output() : contraction.input(), 2L * index + 1);
    Operand<TFloat32> second = random(tf, contraction.type().equals(Contraction.CONV2D_BACKPROP_FILTER)
        ? contraction.output() : contraction.filter(), 2L * index + 2);
    Op last = contract(tf, contraction, first, second);
    for (int i = 1; i < repeats; i++) {
      last = contract(tf.withControlDependencies(List.of(last)), contraction, first, second);
    }
    return last;
  }

  private static Op contract(Ops tf, Contraction contraction, Operand<TFloat32> first, Operand<TFloat32> second) {
    List<Long> strides = contraction.strides();
    String padding = contraction.padding();
    return switch (contraction.type()) {
      case Contraction.MATMUL -> tf.linalg.matMul(first, second,
          MatMul.transposeA(contraction.transposeA()), MatMul.transposeB(contraction.transposeB()));
      case Contraction.CONV2D -> tf.nn.conv2d(first, second, strides, padding);
      case Contraction.CONV2D_BACKPROP_INPUT ->
          tf.nn.conv2dBackpropInput(sizes(tf, contraction.input()), second, first, strides, padding);
      case Contraction.CONV2D_BACKPROP_FILTER ->
          tf.nn.conv2dBackpropFilter(first, sizes(tf, contraction.filter()), second, strides, padding);
      default -> throw new IllegalArgumentException("not a contraction: " + contraction.type());
    };
  }

  private static Operand<TInt32> sizes(Ops tf, List<Long> shape) {
    return tf.constant(shape.stream().mapToInt(Long::intValue).toArray());
  }

  private static Operand<TFloat32> random(Ops tf, List<Long> shape, long seed) {
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    return tf.variable(tf.random.statelessRandomUniform(tf.constant(dims), tf.constant(new long[] {seed, 0})));
  }
}
