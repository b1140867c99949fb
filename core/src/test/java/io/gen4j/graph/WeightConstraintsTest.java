package io.gen4j.graph;

import static io.gen4j.testing.GraphRunner.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.config.WeightAverageConfig;
import io.gen4j.spi.PostUpdate;
import io.gen4j.spi.graph.NetworkBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class WeightConstraintsTest {

  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Ops tf = Ops.create(graph);

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  @Test
  void clippingBoundsEveryVariableOfTheNetwork() {
    NetworkBuilder critic = new NetworkBuilder(tf, "critic", 1);
    Variable<TFloat32> weights = critic.variable("w", () -> tf.constant(new float[] {-0.5f, 0.005f, 0.3f}));
    PostUpdate clipping = WeightClipping.to(0.01f);
    Session.Runner runner = session.runner();
    clipping.build(tf, critic.network()).forEach(runner::addTarget);
    session.initialize();
    runner.run().close();
    assertThat(values(session, weights)).containsExactly(-0.01f, 0.005f, 0.01f);
  }

  @Test
  void averageCopiesBeforeItsStartAndThenDecays() {
    NetworkBuilder source = new NetworkBuilder(tf, "generator", 1);
    NetworkBuilder average = new NetworkBuilder(tf, "generator_ema", 1);
    Variable<TFloat32> weight = source.variable("w", () -> tf.constant(new float[] {1f}));
    Variable<TFloat32> shadow = average.variable("w", () -> tf.constant(new float[] {-7f}));
    Variable<TFloat32> state = source.stateVariable("moving_mean", () -> tf.constant(new float[] {3f}));
    Variable<TFloat32> shadowState = average.stateVariable("moving_mean", () -> tf.constant(new float[] {0f}));
    Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    PostUpdate update = WeightAverage.of(source, average, new WeightAverageConfig(0.5f, 10L), step);
    var ops = update.build(tf, source.network());
    session.initialize();

    run(ops, step, 3); // before the start: copy
    assertThat(values(session, shadow)).containsExactly(1f);
    assertThat(values(session, shadowState)).containsExactly(3f);

    session.runner().addTarget(tf.assign(weight, tf.constant(new float[] {3f}))).run().close();
    run(ops, step, 10); // n = 0: decay 0, still a copy
    assertThat(values(session, shadow)).containsExactly(3f);
    session.runner().addTarget(tf.assign(weight, tf.constant(new float[] {5f}))).run().close();
    run(ops, step, 30); // n = 20: decay min(0.5, 20/30) = 0.5
    assertThat(values(session, shadow)[0]).isCloseTo(0.5f * 3f + 0.5f * 5f, within(1e-6f));
  }

  private void run(java.util.List<org.tensorflow.op.Op> ops, Operand<TInt64> step, long value) {
    try (TInt64 tensor = TInt64.scalarOf(value)) {
      Session.Runner runner = session.runner().feed(step, tensor);
      ops.forEach(runner::addTarget);
      runner.run().close();
    }
  }
}
