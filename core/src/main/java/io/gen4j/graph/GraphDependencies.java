package io.gen4j.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;

/** Questions about what a graph value is computed from. */
public final class GraphDependencies {

  private GraphDependencies() {}

  /**
   * Whether computing {@code value} runs {@code input}'s op: whether it is reachable backwards from
   * {@code value} through data and control inputs.
   */
  public static boolean dependsOn(Operand<?> value, Operand<?> input) {
    Operation target = input.op();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.push((GraphOperation) value.op());
    while (!pending.isEmpty()) {
      GraphOperation operation = pending.pop();
      if (!seen.add(operation.name())) {
        continue;
      }
      if (operation.name().equals(target.name())) {
        return true;
      }
      for (Operand<?> operand : operation.inputs()) {
        pending.push((GraphOperation) operand.op());
      }
      pending.addAll(operation.controlInputs());
    }
    return false;
  }
}
