package io.gen4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.config.ThreadsConfig;
import io.gen4j.sweep.LocalSweepExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** gen4j's automatic thread pools: by the share of convolutions in a graph's contraction FLOPs. */
class ThreadsChoiceTest {

  private static final Contraction PRODUCT = Contraction.matMul(64, 784, 1024);
  private static final Contraction CONVOLUTION = new Contraction(Contraction.CONV2D, List.of(64L, 28L, 28L, 1L),
      List.of(5L, 5L, 1L, 64L), List.of(64L, 14L, 14L, 64L), false, false, List.of(1L, 2L, 2L, 1L), "SAME");

  @Test
  void productsGetEveryCoreInBothPoolsAndConvolutionsOneInterOpThread() {
    assertThat(ThreadsChoice.forContractions(Map.of(PRODUCT, 37), 2)).isEqualTo(new ThreadsConfig(2, 2));
    assertThat(ThreadsChoice.forContractions(Map.of(CONVOLUTION, 3), 4)).isEqualTo(new ThreadsConfig(4, 1));
    assertThat(ThreadsChoice.forContractions(Map.of(), 2)).isEqualTo(new ThreadsConfig(2, 2));
    // The FLOPs decide, not the op count: 3 of this convolution (40 MFLOP each) outweigh 1 of this
    // product (103 MFLOP), 2 do not.
    assertThat(CONVOLUTION.flops()).isEqualTo(40_140_800L);
    assertThat(PRODUCT.flops()).isEqualTo(102_760_448L);
    assertThat(ThreadsChoice.forContractions(Map.of(PRODUCT, 1, CONVOLUTION, 3), 2)).isEqualTo(new ThreadsConfig(2, 1));
    assertThat(ThreadsChoice.forContractions(Map.of(PRODUCT, 1, CONVOLUTION, 2), 2)).isEqualTo(new ThreadsConfig(2, 2));
    assertThatThrownBy(() -> ThreadsChoice.forContractions(Map.of(), 0)).hasMessage("processors must be at least 1, got 0");
  }

  @Test
  void resolvesOnlyTheAutomaticSettingByTheGraphsOwnContractions() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      tf.linalg.matMul(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(64, 784))),
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(784, 1024))));

      assertThat(ThreadsChoice.resolve(ThreadsConfig.DEFAULT, graph, 4)).isEqualTo(new ThreadsConfig(4, 4));
      assertThat(ThreadsChoice.resolve(new ThreadsConfig(2, 2), graph, 2)).isEqualTo(new ThreadsConfig(2, 2));
      assertThat(ThreadsChoice.resolve(new ThreadsConfig(0, 1), graph, 2)).isEqualTo(new ThreadsConfig(0, 1));
    }
  }

  @Test
  void aSweepRunAloneKeepsTheAutomaticChoiceAndRunsSideBySideShareTheCores() {
    assertThat(LocalSweepExecutor.share(2, 1)).isEqualTo(ThreadsConfig.DEFAULT);
    assertThat(LocalSweepExecutor.share(2, 2)).isEqualTo(new ThreadsConfig(1, 1));
    assertThat(LocalSweepExecutor.share(8, 3)).isEqualTo(new ThreadsConfig(2, 2));
    assertThat(LocalSweepExecutor.share(2, 4)).isEqualTo(new ThreadsConfig(1, 1));
  }
}
