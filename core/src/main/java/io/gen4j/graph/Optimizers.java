package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Per-network optimizer updates from config, on TensorFlow's own training kernels ({@code ApplyAdam},
 * {@code ApplyRMSProp}). An update takes the gradients of a loss with respect to one network's
 * variables only (tensorflow-framework's {@code Optimizer.minimize} would update every variable in the
 * graph, tensorflow/java#307), and applies them only once all of them are computed.
 *
 * <p>tensorflow-framework 1.0.0's optimizers are not used: its {@code Adam} updates its shared {@code
 * beta1_power}/{@code beta2_power} with no control dependency on the {@code ApplyAdam} ops that read
 * them, so bias correction races with the updates and no two runs are alike. Here the powers advance
 * only after every variable's update, and slot variables are named {@code <variable>-m}, {@code
 * <variable>-v} (Adam) or {@code <variable>-ms}, {@code <variable>-mom} (RMSProp), the powers {@code
 * <name>.beta1_power} and {@code <name>.beta2_power}, so checkpoints restore by name.
 */
public final class Optimizers {

  private Optimizers() {}

  /** Gradients of {@code loss} with respect to {@code variables}, in their order. */
  public static List<Operand<TFloat32>> gradients(
      Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
    Gradients gradients = tf.gradients(loss, variables);
    List<Operand<TFloat32>> result = new ArrayList<>(variables.size());
    for (int i = 0; i < variables.size(); i++) {
      result.add(gradients.<TFloat32>dy(i));
    }
    return result;
  }

  /**
   * One optimizer step on {@code loss} that changes {@code variables} and nothing else.
   *
   * @param name prefixes the optimizer's own variables and names the update; distinct per update
   */
  public static Op minimize(
      Ops tf, String name, OptimizerConfig config, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
    return apply(tf, name, config, gradients(tf, loss, variables), variables);
  }

  /** Applies precomputed gradients of {@code variables}, in their order, at the config's learning rate. */
  public static Op apply(
      Ops tf, String name, OptimizerConfig config, List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
    return apply(tf, name, config, () -> tf.constant(config.learningRate()), gradients, variables);
  }

  /**
   * Applies precomputed gradients of {@code variables}, in their order, at a learning rate computed in
   * the graph (such as {@link LearningRates#scheduled}); the config's own rate is not used.
   */
  public static Op apply(
      Ops tf, String name, OptimizerConfig config, Operand<TFloat32> learningRate, List<Operand<TFloat32>> gradients,
      List<Variable<TFloat32>> variables) {
    requireNonNull(learningRate, "learningRate is null");
    return apply(tf, name, config, () -> learningRate, gradients, variables);
  }

  private static Op apply(
      Ops tf, String name, OptimizerConfig config, Supplier<Operand<TFloat32>> learningRate,
      List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException(name + ": no variables to update");
    }
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(name + ": " + gradients.size() + " gradients for " + variables.size() + " variables");
    }
    List<Operand<TFloat32>> gated = gate(tf, gradients);
    if (config instanceof OptimizerConfig.Adam adam) {
      return adam(tf, name, adam, learningRate, gated, variables);
    }
    return rmsProp(tf, name, (OptimizerConfig.RmsProp) config, learningRate, gated, variables);
  }

  /**
   * The gradients, each available only once all are computed (TF1's {@code GATE_GRAPH}). Without the
   * gate, the update of a layer's weights can start while the backward pass still reads them to
   * propagate the gradient to the layer below, and runs stop being reproducible.
   */
  private static List<Operand<TFloat32>> gate(Ops tf, List<Operand<TFloat32>> gradients) {
    Ops afterAll = tf.withControlDependencies(new ArrayList<org.tensorflow.op.Op>(gradients));
    return gradients.stream().map(gradient -> (Operand<TFloat32>) afterAll.identity(gradient)).toList();
  }

  private static Op adam(
      Ops tf, String name, OptimizerConfig.Adam config, Supplier<Operand<TFloat32>> rate,
      List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
    Operand<TFloat32> beta1 = tf.constant(config.beta1());
    Operand<TFloat32> beta2 = tf.constant(config.beta2());
    Variable<TFloat32> beta1Power = tf.withName(name + ".beta1_power").variable(tf.constant(config.beta1()));
    Variable<TFloat32> beta2Power = tf.withName(name + ".beta2_power").variable(tf.constant(config.beta2()));
    Operand<TFloat32> learningRate = rate.get();
    Operand<TFloat32> epsilon = tf.constant(config.epsilon());
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> variable = variables.get(i);
      Variable<TFloat32> firstMoment = slot(tf, variable, "m");
      Variable<TFloat32> secondMoment = slot(tf, variable, "v");
      updates.add(tf.train.applyAdam(variable, firstMoment, secondMoment, beta1Power, beta2Power, learningRate, beta1,
          beta2, epsilon, gradients.get(i)));
    }
    Ops afterUpdates = tf.withControlDependencies(updates);
    Op advanceBeta1 = afterUpdates.assign(beta1Power, afterUpdates.math.mul(beta1Power, beta1));
    Op advanceBeta2 = afterUpdates.assign(beta2Power, afterUpdates.math.mul(beta2Power, beta2));
    return tf.withName(name).withControlDependencies(List.of(advanceBeta1, advanceBeta2)).noOp();
  }

  private static Op rmsProp(
      Ops tf, String name, OptimizerConfig.RmsProp config, Supplier<Operand<TFloat32>> rate,
      List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
    Operand<TFloat32> learningRate = rate.get();
    Operand<TFloat32> decay = tf.constant(config.decay());
    Operand<TFloat32> momentum = tf.constant(config.momentum());
    Operand<TFloat32> epsilon = tf.constant(config.epsilon());
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> variable = variables.get(i);
      updates.add(tf.train.applyRmsProp(variable, slot(tf, variable, "ms"), slot(tf, variable, "mom"), learningRate,
          decay, momentum, epsilon, gradients.get(i)));
    }
    return tf.withName(name).withControlDependencies(updates).noOp();
  }

  /** A zero-initialized variable shaped like {@code variable}, named {@code <variable>-<slot>}. */
  private static Variable<TFloat32> slot(Ops tf, Variable<TFloat32> variable, String slot) {
    Operand<TFloat32> zeros = tf.zeros(tf.constant(variable.shape()), TFloat32.class);
    return tf.withName(variable.op().name() + "-" + slot).variable(zeros);
  }

  /** The global L2 norm of a list of gradients: sqrt of the sum of every squared element. */
  public static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> gradients) {
    Operand<TFloat32> total = tf.constant(0f);
    for (Operand<TFloat32> gradient : gradients) {
      Operand<TFloat32> flat = tf.reshape(gradient, tf.constant(new int[] {-1}));
      total = tf.math.add(total, tf.sum(tf.math.square(flat), tf.constant(0)));
    }
    return tf.math.sqrt(total);
  }
}
