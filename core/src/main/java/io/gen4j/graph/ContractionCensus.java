package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;

/**
 * The matrix products and convolutions one run of some targets computes: every contraction the targets
 * depend on, through data or control inputs (what TensorFlow's executor keeps after pruning the graph
 * to the targets), counted by shape.
 */
public final class ContractionCensus {

  private ContractionCensus() {}

  /** The contractions the targets depend on, with how many ops of each shape there are, in graph order. */
  public static Map<Contraction, Integer> of(Collection<? extends Op> targets) {
    requireNonNull(targets, "targets is null");
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> pending = new ArrayDeque<>();
    for (Op target : targets) {
      GraphOperation operation = (GraphOperation) target.op();
      if (seen.add(operation)) {
        pending.add(operation);
      }
    }
    Map<Contraction, Integer> counts = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      GraphOperation operation = pending.poll();
      Contraction.of(operation).ifPresent(contraction -> counts.merge(contraction, 1, Integer::sum));
      for (Operand<?> input : operation.inputs()) {
        GraphOperation producer = (GraphOperation) input.op();
        if (seen.add(producer)) {
          pending.add(producer);
        }
      }
      for (GraphOperation producer : operation.controlInputs()) {
        if (seen.add(producer)) {
          pending.add(producer);
        }
      }
    }
    return counts;
  }

  /** The FLOPs of the contractions counted. */
  public static long flops(Map<Contraction, Integer> counts) {
    return counts.entrySet().stream().mapToLong(entry -> entry.getKey().flops() * entry.getValue()).sum();
  }
}
