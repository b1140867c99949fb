package io.gen4j.spi.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.graph.Optimizers;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class SpectralNormalizationTest {

  private static float[] run(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  private static void runUpdates(Session session, List<Op> updates, int times) {
    for (int i = 0; i < times; i++) {
      Session.Runner runner = session.runner();
      updates.forEach(runner::addTarget);
      runner.run().close();
    }
  }

  @Test
  void aDiagonalKernelIsDividedByItsLargestSingularValue() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "critic", 7).normalizeKernelsSpectrally();
      // [[3, 0], [0, 1], [0, 0]]: singular values 3 and 1.
      Operand<TFloat32> kernel = network.kernel(
          "dense.kernel", () -> tf.constant(new float[][] {{3f, 0f}, {0f, 1f}, {0f, 0f}}));
      session.initialize();
      runUpdates(session, network.updates(), 30);
      assertThat(run(session, kernel)).containsExactly(new float[] {1f, 0f, 0f, 1f / 3f, 0f, 0f}, within(1e-5f));
    }
  }

  @Test
  void aConvolutionKernelConvergesToTheLargestSingularValueOfItsMatrixView() {
    int height = 3;
    int width = 3;
    int inputs = 4;
    int outputs = 5;
    float[] values = new float[height * width * inputs * outputs];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    // The matrix view [k*k*in, out], row-major like the kernel's memory.
    DMatrixRMaj matrix = new DMatrixRMaj(height * width * inputs, outputs);
    for (int i = 0; i < values.length; i++) {
      matrix.set(i / outputs, i % outputs, values[i]);
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(false, false, true);
    assertThat(svd.decompose(matrix)).isTrue();
    double largest = 0;
    for (double singular : svd.getSingularValues()) {
      largest = Math.max(largest, singular);
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "critic", 7).normalizeKernelsSpectrally();
      Operand<TFloat32> kernel = network.kernel("conv.kernel", () -> tf.reshape(
          tf.constant(values), tf.constant(new long[] {height, width, inputs, outputs})));
      session.initialize();
      runUpdates(session, network.updates(), 200);
      float[] normalized = run(session, kernel);
      for (int i = 0; i < values.length; i++) {
        assertThat(normalized[i]).as("element %d", i).isCloseTo((float) (values[i] / largest), within(1e-4f));
      }
    }
  }

  @Test
  void theKernelIsTheSameOperandEachTimeAndOnlyTheVectorIsState() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "critic", 7).normalizeKernelsSpectrally();
      Operand<TFloat32> first = network.kernel("dense.kernel", () -> tf.constant(new float[][] {{1f, 2f}}));
      Operand<TFloat32> second = network.kernel("dense.kernel", () -> tf.constant(new float[][] {{5f, 5f}}));
      assertThat(second).isSameAs(first);
      assertThat(network.trainableByLocalName()).containsOnlyKeys("dense.kernel");
      assertThat(network.stateByLocalName()).containsOnlyKeys("dense.kernel.sn_u");
      assertThat(network.updates()).hasSize(1);
    }
  }

  @Test
  void gradientsReachTheKernelThroughTheNormalization() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "critic", 7).normalizeKernelsSpectrally();
      Operand<TFloat32> input = tf.constant(new float[][] {{1f, -2f, 0.5f}});
      Operand<TFloat32> output = Layers.dense(network, "dense", input, 3, 2);
      List<Operand<TFloat32>> gradients = Optimizers.gradients(
          tf, tf.sum(output, tf.constant(new int[] {0, 1})), network.network().variables());
      session.initialize();
      float[] kernelGradient = run(session, gradients.get(0));
      assertThat(kernelGradient).hasSize(6);
      for (float value : kernelGradient) {
        assertThat(Float.isFinite(value)).isTrue();
      }
      assertThat(kernelGradient).isNotEqualTo(new float[6]);
    }
  }

  @Test
  void aNetworkWithVariablesCannotStartNormalizing() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "critic", 7);
      network.kernel("dense.kernel", () -> tf.constant(new float[][] {{1f}}));
      assertThatThrownBy(network::normalizeKernelsSpectrally)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("network critic has variables already; normalize its kernels before building its layers");
    }
  }
}
