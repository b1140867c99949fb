package io.gen4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/** FLOPs of products and convolutions from a graph's static shapes, and which ones some targets run. */
class ContractionTest {

  @Test
  void countsTheProductsAndConvolutionsTheTargetsDependOnWithTheirFlops() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(64, 100)));
      Operand<TFloat32> w = tf.variable(tf.zeros(tf.constant(new long[] {100, 256}), TFloat32.class));
      Operand<TFloat32> hidden = tf.linalg.matMul(x, w);
      Operand<TFloat32> gram = tf.linalg.matMul(hidden, hidden, MatMul.transposeA(true));
      Operand<TFloat32> image = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(8, 28, 28, 1)));
      Operand<TFloat32> filter = tf.variable(tf.zeros(tf.constant(new long[] {5, 5, 1, 64}), TFloat32.class));
      Operand<TFloat32> convolved = tf.nn.conv2d(image, filter, List.of(1L, 2L, 2L, 1L), "SAME");
      Operand<TFloat32> unused = tf.linalg.matMul(hidden, tf.linalg.transpose(hidden, tf.constant(new int[] {1, 0})));

      Map<Contraction, Integer> counts = ContractionCensus.of(List.of(
          tf.withControlDependencies(List.of(gram, convolved)).noOp()));

      Contraction forward = Contraction.matMul(64, 100, 256);
      Contraction transposed = new Contraction(Contraction.MATMUL, List.of(64L, 256L), List.of(64L, 256L),
          List.of(256L, 256L), true, false, List.of(), "");
      Contraction convolution = new Contraction(Contraction.CONV2D, List.of(8L, 28L, 28L, 1L), List.of(5L, 5L, 1L, 64L),
          List.of(8L, 14L, 14L, 64L), false, false, List.of(1L, 2L, 2L, 1L), "SAME");
      assertThat(counts).containsOnly(Map.entry(forward, 1), Map.entry(transposed, 1), Map.entry(convolution, 1));
      assertThat(forward.flops()).isEqualTo(2L * 64 * 100 * 256);
      assertThat(transposed.flops()).isEqualTo(2L * 256 * 256 * 64);
      assertThat(convolution.flops()).isEqualTo(2L * 8 * 14 * 14 * 64 * 5 * 5);
      assertThat(ContractionCensus.flops(counts)).isEqualTo(forward.flops() + transposed.flops() + convolution.flops());
      assertThat(transposed.describe()).isEqualTo("MatMul 64x256' . 64x256");
      assertThat(convolution.describe()).isEqualTo("Conv2D 8x28x28x1 * 5x5x1x64 -> 8x14x14x64 s2 SAME");
      assertThat(Contraction.of((GraphOperation) unused.op())).isPresent();
    }
  }

  @Test
  void aTransposedConvolutionCountsAsItsForwardConvolution() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(4, 7, 7, 128)));
      Operand<TFloat32> kernel = tf.variable(tf.zeros(tf.constant(new long[] {5, 5, 64, 128}), TFloat32.class));
      Operand<TFloat32> upsampled = tf.nn.conv2dBackpropInput(
          tf.constant(new int[] {4, 14, 14, 64}), kernel, input, List.of(1L, 2L, 2L, 1L), "SAME");

      Contraction contraction = Contraction.of((GraphOperation) upsampled.op()).orElseThrow();

      assertThat(contraction.input()).containsExactly(4L, 14L, 14L, 64L);
      assertThat(contraction.output()).containsExactly(4L, 7L, 7L, 128L);
      assertThat(contraction.flops()).isEqualTo(2L * 4 * 7 * 7 * 128 * 5 * 5 * 64);
    }
  }

  @Test
  void refusesWhatIsNotAFullyKnownContraction() {
    assertThatThrownBy(() -> new Contraction("Add", List.of(1L, 1L), List.of(1L, 1L), List.of(1L, 1L), false, false,
        List.of(), ""))
        .hasMessage("not a contraction: Add; expected one of [MatMul, Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter]");
    assertThatThrownBy(() -> new Contraction(Contraction.MATMUL, List.of(-1L, 100L), List.of(100L, 1L), List.of(-1L, 1L),
        false, false, List.of(), ""))
        .hasMessage("MatMul needs fully known rank-2 shapes, got [-1, 100]");
  }
}
