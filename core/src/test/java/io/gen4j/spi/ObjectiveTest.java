package io.gen4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** An objective's lazy term: validated, and carried along by every {@code with*} method. */
class ObjectiveTest {

  @Test
  void theLazyTermSurvivesEveryWithMethod() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> term = tf.constant(2f);
      Objective objective = Objective.of("critic", new Network("critic", List.of()), tf.constant(1f), true)
          .withLazyTerm(16, term, Map.of("r1_penalty", new Metric(term, MetricKind.OTHER)));
      Op side = tf.noOp();
      Objective changed = objective.withMetric("d_loss", tf.constant(1f), MetricKind.LOSS)
          .withMetrics(Map.of("d_real", tf.constant(0.5f)))
          .withMetrics(Map.of("d_fake", tf.constant(0.5f)), MetricKind.UNIT_SCORE)
          .withSideUpdates(List.of(side))
          .withAfterUpdate(PostUpdate.NONE);

      LazyTerm lazy = changed.lazyTerm().orElseThrow();
      assertThat(lazy.interval()).isEqualTo(16);
      assertThat(lazy.term()).isSameAs(term);
      assertThat(lazy.metrics()).containsOnlyKeys("r1_penalty");
      assertThat(changed.sideUpdates()).containsExactly(side);
      assertThat(Objective.of("g", new Network("g", List.of()), term, false).lazyTerm()).isEmpty();
    }
  }

  @Test
  void anIntervalBelowOneATakenNameAndASecondTermAreRefused() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> term = tf.constant(2f);
      Objective objective = Objective.of("critic", new Network("critic", List.of()), tf.constant(1f), true)
          .withMetric("d_loss", tf.constant(1f), MetricKind.LOSS);

      assertThatThrownBy(() -> objective.withLazyTerm(0, term, Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the interval of a lazy term must be at least 1, got 0");
      assertThatThrownBy(() -> objective.withLazyTerm(4, term, Map.of("d_loss", new Metric(term, MetricKind.LOSS))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("objective critic logs metric d_loss both with every update and with its lazy term;"
              + " give them different names");
      Objective lazy = objective.withLazyTerm(4, term, Map.of("r1_penalty", new Metric(term, MetricKind.OTHER)));
      assertThatThrownBy(() -> lazy.withMetric("r1_penalty", tf.constant(3f), MetricKind.OTHER))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("objective critic logs metric r1_penalty both with every update and with its lazy term;"
              + " give them different names");
      assertThatThrownBy(() -> lazy.withLazyTerm(4, term, Map.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("objective critic already has a lazy term; add the penalties into one term");
    }
  }
}
