package io.gen4j.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** What running some outputs runs, and which of those ops read a value's memory. */
class GraphDependenciesTest {

  @Test
  void ancestorsAreEveryOpReachedBackwardsThroughDataAndControlInputs() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> a = tf.withName("a").constant(1f);
      Operand<TFloat32> b = tf.withName("b").constant(2f);
      Operand<TFloat32> ordered = tf.withName("ordered").withControlDependencies(List.of(b)).identity(a);
      tf.withName("unrelated").math.neg(a);

      assertThat(GraphDependencies.ancestors(List.of(ordered.op())))
          .extracting(GraphOperation::name)
          .containsExactlyInAnyOrder("a", "b", "ordered");
    }
  }

  @Test
  void readersAreTheOpsThatTakeTheValueOrAViewOfItAmongTheGivenOnes() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> kernel = tf.withName("kernel").variable(tf.constant(new float[][] {{1f, 2f}, {3f, 4f}}));
      Operand<TFloat32> view = tf.withName("view").reshape(kernel, tf.constant(new long[] {4}));
      Operand<TFloat32> throughView = tf.withName("through_view").math.square(view);
      Operand<TFloat32> copy = tf.withName("copy").math.mul(kernel, tf.constant(2f));
      Operand<TFloat32> ofCopy = tf.withName("of_copy").math.square(copy);
      Operand<TFloat32> elsewhere = tf.withName("elsewhere").math.neg(kernel);

      Set<GraphOperation> run = GraphDependencies.ancestors(List.of(throughView.op(), ofCopy.op()));

      assertThat(GraphDependencies.readers(kernel, run))
          .extracting(GraphOperation::name)
          .containsExactlyInAnyOrder("view", "through_view", "copy")
          .doesNotContain(elsewhere.op().name(), ofCopy.op().name());
    }
  }

  @Test
  void readersFollowChecksAndControlFlowThatPassTheTensorOn() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> kernel = tf.withName("kernel").variable(tf.constant(new float[] {1f, 2f}));
      Operand<TFloat32> checked = tf.withName("checked").debugging.checkNumerics(kernel, "kernel");
      SwitchCond<TFloat32> branches = tf.withName("branches").switchCond(checked, tf.constant(true));
      Operand<TFloat32> taken = tf.withName("taken").math.square(branches.outputTrue());

      Set<GraphOperation> run = GraphDependencies.ancestors(List.of(taken.op()));

      assertThat(GraphDependencies.readers(kernel, run))
          .extracting(GraphOperation::name)
          .containsExactlyInAnyOrder("checked", "branches", "taken");
    }
  }
}
