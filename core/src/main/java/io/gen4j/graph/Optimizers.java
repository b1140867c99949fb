package io.gen4j.graph;

import io.gen4j.config.OptimizerConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.RMSProp;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Optimizers from config, and updates of one network's variables only. {@code Optimizer.minimize}
 * would update every variable in the graph (tensorflow/java#307), so the update takes the gradients of
 * the loss with respect to the given variables and applies them with {@code applyGradients}.
 */
public final class Optimizers {

  private Optimizers() {}

  /**
   * Creates the optimizer a config describes.
   *
   * @param name prefixes the optimizer's own variables; distinct per network
   */
  public static Optimizer create(Graph graph, String name, OptimizerConfig config) {
    if (config instanceof OptimizerConfig.Adam adam) {
      return new Adam(graph, name, adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
    }
    OptimizerConfig.RmsProp rmsProp = (OptimizerConfig.RmsProp) config;
    return new RMSProp(
        graph, name, rmsProp.learningRate(), rmsProp.decay(), rmsProp.momentum(), rmsProp.epsilon(), false);
  }

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
   * @param name names the update op
   */
  public static Op minimize(
      Ops tf, Optimizer optimizer, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, String name) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException(name + ": no variables to update");
    }
    List<Operand<TFloat32>> gradients = gradients(tf, loss, variables);
    List<Optimizer.GradAndVar<? extends org.tensorflow.types.family.TType>> pairs = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      pairs.add(new Optimizer.GradAndVar<>(gradients.get(i).asOutput(), variables.get(i).asOutput()));
    }
    return optimizer.applyGradients(pairs, name);
  }
}
