package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A named set of trainable variables that one optimizer updates, such as "generator" or
 * "discriminator". Networks of one model never share a variable.
 *
 * @param name the network's name, the prefix of its variables' names
 * @param variables its trainable variables, in creation order
 */
public record Network(String name, List<Variable<TFloat32>> variables) {

  public Network {
    requireNonNull(name, "name is null");
    variables = List.copyOf(variables);
  }

  /** Names of the variables' ops, as stored in checkpoints. */
  public List<String> variableNames() {
    return variables.stream().map(variable -> variable.op().name()).toList();
  }
}
