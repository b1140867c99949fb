package io.gen4j.graph;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;

/** Questions about what a graph value is computed from. */
public final class GraphDependencies {

  /**
   * Op types whose output may share its input's buffer (a view, not a copy): reading their output reads
   * the input's memory, so a read of a variable through them is a read of the variable. Besides the
   * identities, reshapes and slices, the checks that pass their input on ({@code CheckNumerics}, {@code
   * Print}) and the control-flow ops that forward a tensor ({@code Switch}, {@code Merge}, {@code Enter},
   * {@code Exit}, {@code NextIteration} and their ref forms). A type missing here would let an optimizer
   * step overtake a read through it; one listed needlessly only makes a step wait longer.
   */
  private static final Set<String> VIEWS = Set.of(
      "Identity", "IdentityN", "RefIdentity", "Snapshot", "StopGradient", "PreventGradient", "Reshape", "Squeeze",
      "ExpandDims", "EnsureShape", "Bitcast", "Cast", "Slice", "StridedSlice", "Split", "SplitV", "Unpack",
      "CheckNumerics", "CheckNumericsV2", "Print", "Switch", "RefSwitch", "Merge", "RefMerge", "Enter", "RefEnter",
      "Exit", "RefExit", "NextIteration", "RefNextIteration");

  private GraphDependencies() {}

  /**
   * Every op that running {@code outputs} runs: the outputs' ops and everything reachable backwards
   * from them through data and control inputs.
   */
  public static Set<GraphOperation> ancestors(Collection<? extends Operation> outputs) {
    Set<GraphOperation> ancestors = new HashSet<>();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    outputs.forEach(output -> pending.push((GraphOperation) output));
    while (!pending.isEmpty()) {
      GraphOperation operation = pending.pop();
      if (!ancestors.add(operation)) {
        continue;
      }
      for (Operand<?> operand : operation.inputs()) {
        pending.push((GraphOperation) operand.op());
      }
      pending.addAll(operation.controlInputs());
    }
    return ancestors;
  }

  /**
   * The ops among {@code among} that read {@code value}'s memory: those that take it as an input and,
   * through ops whose output may be a view of their input (identity, reshape, slices, ...), those that
   * read such a view.
   */
  public static Set<GraphOperation> readers(Operand<?> value, Set<GraphOperation> among) {
    Set<GraphOperation> readers = new LinkedHashSet<>();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    pending.push((GraphOperation) value.op());
    while (!pending.isEmpty()) {
      for (GraphOperation consumer : pending.pop().consumers()) {
        if (among.contains(consumer) && readers.add(consumer) && VIEWS.contains(consumer.type())) {
          pending.push(consumer);
        }
      }
    }
    return readers;
  }

  /**
   * Whether computing {@code value} runs {@code input}'s op: whether it is reachable backwards from
   * {@code value} through data and control inputs.
   */
  public static boolean dependsOn(Operand<?> value, Operand<?> input) {
    return ancestors(List.of(value.op())).contains((GraphOperation) input.op());
  }
}
