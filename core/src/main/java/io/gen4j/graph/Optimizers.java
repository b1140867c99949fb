package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.OptimizerConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Per-network optimizer updates from config, on TensorFlow's own training kernels ({@code ApplyAdam},
 * {@code ApplyRMSProp}). An update takes the gradients of a loss with respect to one network's
 * variables only (tensorflow-framework's {@code Optimizer.minimize} would update every variable in the
 * graph, tensorflow/java#307), and steps each variable as soon as nothing else the same run computes
 * still has to read it.
 *
 * <p>tensorflow-framework 1.0.0's optimizers are not used: its {@code Adam} updates its shared {@code
 * beta1_power}/{@code beta2_power} with no control dependency on the {@code ApplyAdam} ops that read
 * them, so bias correction races with the updates and no two runs are alike. Here the powers advance
 * only after every variable's update, and slot variables are named {@code <variable>-m}, {@code
 * <variable>-v} (Adam) or {@code <variable>-ms}, {@code <variable>-mom} (RMSProp), the powers {@code
 * <name>.beta1_power} and {@code <name>.beta2_power}, so checkpoints restore by name. An {@link
 * Optimizer}'s state is created once and may be applied by several update ops (the gradients of
 * different losses), all stepping the same slots.
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
   * @param name prefixes the optimizer's own variables and names the update; distinct per optimizer
   */
  public static Op minimize(
      Ops tf, String name, OptimizerConfig config, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
    return create(tf, name, config, variables).apply(tf, name, gradients(tf, loss, variables), List.of(loss.op()));
  }

  /**
   * Creates the state of an optimizer of {@code variables} (slot variables, Adam's beta powers) that
   * steps at the config's learning rate.
   *
   * @param name prefixes the optimizer's own variables; distinct per optimizer
   */
  public static Optimizer create(Ops tf, String name, OptimizerConfig config, List<Variable<TFloat32>> variables) {
    return create(tf, name, config, tf.constant(config.learningRate()), variables);
  }

  /**
   * Creates the state of an optimizer of {@code variables} that steps at a learning rate computed in the
   * graph (such as {@link LearningRates#scheduled}); the config's own rate is not used.
   *
   * @param name prefixes the optimizer's own variables; distinct per optimizer
   */
  public static Optimizer create(
      Ops tf, String name, OptimizerConfig config, Operand<TFloat32> learningRate, List<Variable<TFloat32>> variables) {
    requireNonNull(name, "name is null");
    requireNonNull(config, "config is null");
    requireNonNull(learningRate, "learningRate is null");
    if (variables.isEmpty()) {
      throw new IllegalArgumentException(name + ": no variables to update");
    }
    if (config instanceof OptimizerConfig.Adam adam) {
      return new Optimizer(name, variables, new AdamState(tf, name, adam, learningRate, variables));
    }
    OptimizerConfig.RmsProp rmsProp = (OptimizerConfig.RmsProp) config;
    return new Optimizer(name, variables, new RmsPropState(tf, rmsProp, learningRate, variables));
  }

  /**
   * One optimizer's state for one list of variables, created once: every update op {@link #apply}
   * builds steps the same slot variables (and Adam's same beta powers), so an objective can have two
   * update ops (with and without a {@linkplain io.gen4j.spi.Objective#withLazyTerm lazy term}) that
   * share one optimizer, and a checkpoint holds one set of slots per variable whatever the updates.
   */
  public static final class Optimizer {
    private final String name;
    private final List<Variable<TFloat32>> variables;
    private final State state;

    private Optimizer(String name, List<Variable<TFloat32>> variables, State state) {
      this.name = name;
      this.variables = List.copyOf(variables);
      this.state = state;
    }

    /**
     * An update op that applies precomputed gradients of the variables, in their order. Each variable
     * steps once its gradient is computed and every op that reads it on the way to the gradients or to
     * {@code computedAlongside} has run ({@link #gate}).
     *
     * @param updateName names the update op; distinct per update op
     * @param computedAlongside what the same run computes besides the update (the loss, metrics, side
     *     updates), so that no op of the run reads a variable after its step
     */
    public Op apply(
        Ops tf, String updateName, List<Operand<TFloat32>> gradients, Collection<Operation> computedAlongside) {
      requireNonNull(updateName, "updateName is null");
      if (gradients.size() != variables.size()) {
        throw new IllegalArgumentException(
            name + ": " + gradients.size() + " gradients for " + variables.size() + " variables");
      }
      return state.apply(tf, updateName, gate(tf, gradients, variables, computedAlongside), variables);
    }
  }

  /** An optimizer's variables and hyperparameters, and how one step applies gradients with them. */
  private interface State {
    Op apply(Ops tf, String updateName, List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables);
  }

  /**
   * Each gradient, available to its variable's step only once every op of the run that reads the
   * variable has run: the ops on the way to any of the gradients or to {@code computedAlongside} that
   * read it, directly or through a view ({@link GraphDependencies#readers}). The step of a layer's
   * weights waits for the backward pass to propagate the gradient through them to the layer below, and
   * then runs while the pass goes on below it. Without the wait, a step could change weights that an op
   * of the same run still reads, and runs would stop being reproducible; waiting for all gradients
   * (TF1's {@code GATE_GRAPH}, what gen4j did before) gives the same values, bit for bit, but leaves every
   * step to the end of the backward pass: on 2 cores at batch 64 that was 3% ({@code gan}) to 8-10%
   * ({@code wgan}, {@code vae}) slower (docs/results.md).
   */
  private static List<Operand<TFloat32>> gate(
      Ops tf, List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables,
      Collection<Operation> computedAlongside) {
    List<Operation> outputs = new ArrayList<>(computedAlongside);
    gradients.forEach(gradient -> outputs.add(gradient.op()));
    Set<GraphOperation> run = GraphDependencies.ancestors(outputs);
    List<Operand<TFloat32>> gated = new ArrayList<>(gradients.size());
    for (int i = 0; i < gradients.size(); i++) {
      // Readers the gradient is computed from run before it anyway; a control edge on them would also keep
      // Grappler from fusing them (a forward MatMul with its bias and activation).
      Set<GraphOperation> upstream = GraphDependencies.ancestors(List.of(gradients.get(i).op()));
      Set<Operation> before = new LinkedHashSet<>();
      before.add(gradients.get(i).op());
      GraphDependencies.readers(variables.get(i), run).stream()
          .filter(reader -> !upstream.contains(reader))
          .forEach(before::add);
      gated.add(tf.withControlDependencyOps(before).identity(gradients.get(i)));
    }
    return gated;
  }

  /** Adam's moments per variable and its shared beta powers, which advance after every variable's step. */
  private static final class AdamState implements State {
    private final Operand<TFloat32> beta1;
    private final Operand<TFloat32> beta2;
    private final Variable<TFloat32> beta1Power;
    private final Variable<TFloat32> beta2Power;
    private final Operand<TFloat32> learningRate;
    private final Operand<TFloat32> epsilon;
    private final List<Variable<TFloat32>> firstMoments = new ArrayList<>();
    private final List<Variable<TFloat32>> secondMoments = new ArrayList<>();

    AdamState(
        Ops tf, String name, OptimizerConfig.Adam config, Operand<TFloat32> learningRate,
        List<Variable<TFloat32>> variables) {
      this.beta1 = tf.constant(config.beta1());
      this.beta2 = tf.constant(config.beta2());
      this.beta1Power = tf.withName(name + ".beta1_power").variable(tf.constant(config.beta1()));
      this.beta2Power = tf.withName(name + ".beta2_power").variable(tf.constant(config.beta2()));
      this.learningRate = learningRate;
      this.epsilon = tf.constant(config.epsilon());
      for (Variable<TFloat32> variable : variables) {
        firstMoments.add(slot(tf, variable, "m"));
        secondMoments.add(slot(tf, variable, "v"));
      }
    }

    @Override
    public Op apply(
        Ops tf, String updateName, List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
      List<Op> updates = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        updates.add(tf.train.applyAdam(variables.get(i), firstMoments.get(i), secondMoments.get(i), beta1Power,
            beta2Power, learningRate, beta1, beta2, epsilon, gradients.get(i)));
      }
      Ops afterUpdates = tf.withControlDependencies(updates);
      Op advanceBeta1 = afterUpdates.assign(beta1Power, afterUpdates.math.mul(beta1Power, beta1));
      Op advanceBeta2 = afterUpdates.assign(beta2Power, afterUpdates.math.mul(beta2Power, beta2));
      return tf.withName(updateName).withControlDependencies(List.of(advanceBeta1, advanceBeta2)).noOp();
    }
  }

  /** RMSProp's mean square and momentum per variable. */
  private static final class RmsPropState implements State {
    private final Operand<TFloat32> learningRate;
    private final Operand<TFloat32> decay;
    private final Operand<TFloat32> momentum;
    private final Operand<TFloat32> epsilon;
    private final List<Variable<TFloat32>> meanSquares = new ArrayList<>();
    private final List<Variable<TFloat32>> momenta = new ArrayList<>();

    RmsPropState(
        Ops tf, OptimizerConfig.RmsProp config, Operand<TFloat32> learningRate, List<Variable<TFloat32>> variables) {
      this.learningRate = learningRate;
      this.decay = tf.constant(config.decay());
      this.momentum = tf.constant(config.momentum());
      this.epsilon = tf.constant(config.epsilon());
      for (Variable<TFloat32> variable : variables) {
        meanSquares.add(slot(tf, variable, "ms"));
        momenta.add(slot(tf, variable, "mom"));
      }
    }

    @Override
    public Op apply(
        Ops tf, String updateName, List<Operand<TFloat32>> gradients, List<Variable<TFloat32>> variables) {
      List<Op> updates = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        updates.add(tf.train.applyRmsProp(variables.get(i), meanSquares.get(i), momenta.get(i), learningRate, decay,
            momentum, epsilon, gradients.get(i)));
      }
      return tf.withName(updateName).withControlDependencies(updates).noOp();
    }
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
