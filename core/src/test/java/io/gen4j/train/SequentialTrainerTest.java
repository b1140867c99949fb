package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Network;
import io.gen4j.spi.Objective;
import io.gen4j.spi.ObjectiveRunner;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Core's default trainer: each objective in order, as often as the model's settings say. */
class SequentialTrainerTest {

  /** Records the updates it is asked for and answers with their number as the metric. */
  private static final class RecordingRunner implements ObjectiveRunner {
    final List<String> updates = new ArrayList<>();

    @Override
    public long step() {
      return 0;
    }

    @Override
    public Map<String, Float> update(String objective) {
      updates.add(objective);
      return Map.of(objective + "_metric", (float) updates.size());
    }
  }

  private static ModelGraph graph(Graph graph, boolean secondConsumesData) {
    Ops tf = Ops.create(graph);
    Network first = new Network("first", List.of());
    Network second = new Network("second", List.of());
    Placeholder<TFloat32> latent = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
    return new ModelGraph(List.of(
        Objective.of("critic", first, tf.constant(1f), true),
        Objective.of("encoder", second, tf.constant(2f), secondConsumesData)), latent, latent);
  }

  @Test
  void runsEachObjectiveInOrderAsOftenAsAskedAndAveragesRepeatedMetrics() {
    try (Graph tensorflow = new Graph()) {
      Trainer trainer = new SequentialTrainerProvider().create(graph(tensorflow, true), TrainerSettings.updates("critic", 3));
      RecordingRunner runner = new RecordingRunner();

      Map<String, Float> metrics = trainer.iteration(runner);

      assertThat(runner.updates).containsExactly("critic", "critic", "critic", "encoder");
      assertThat(metrics.get("critic_metric")).isCloseTo((1f + 2f + 3f) / 3, within(1e-6f));
      assertThat(metrics.get("encoder_metric")).isEqualTo(4f);
      assertThat(trainer.batchesPerIteration()).isEqualTo(4);
    }
  }

  @Test
  void onlyDataConsumingUpdatesCountAsBatches() {
    try (Graph tensorflow = new Graph()) {
      Trainer trainer = new SequentialTrainerProvider().create(graph(tensorflow, false), TrainerSettings.DEFAULT);
      assertThat(trainer.batchesPerIteration()).isEqualTo(1);
    }
  }

  @Test
  void settingsNamingAnObjectiveTheModelLacksAreRefused() {
    try (Graph tensorflow = new Graph()) {
      assertThatThrownBy(() -> new SequentialTrainerProvider().create(
              graph(tensorflow, true), TrainerSettings.updates("discriminator", 5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the trainer settings count updates of objective 'discriminator', which the model does not have;"
              + " it has [critic, encoder]");
    }
  }

  @Test
  void updateCountsAreAtLeastOne() {
    assertThatThrownBy(() -> TrainerSettings.updates("critic", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("updates per step of objective 'critic' must be at least 1, got 0");
    assertThat(TrainerSettings.updates("critic", 2).withUpdates("encoder", 3).updates("encoder")).isEqualTo(3);
    assertThat(TrainerSettings.DEFAULT.updates("anything")).isEqualTo(1);
  }

  @Test
  void aMetricOnlySomeUpdatesReturnIsAveragedOverThoseAndLeftOutOfStepsWithoutIt() {
    // The critic's lazy metric comes with its 2nd and 4th of five updates, as a lazy term's would.
    ObjectiveRunner runner = new ObjectiveRunner() {
      private int updates;

      @Override
      public long step() {
        return 0;
      }

      @Override
      public Map<String, Float> update(String objective) {
        updates++;
        if (objective.equals("critic") && (updates == 2 || updates == 4)) {
          return Map.of("critic_metric", 1f, "lazy_metric", updates * 5f);
        }
        return Map.of(objective + "_metric", 1f);
      }
    };
    try (Graph tensorflow = new Graph()) {
      Trainer trainer = new SequentialTrainerProvider().create(graph(tensorflow, true), TrainerSettings.updates("critic", 5));
      Map<String, Float> metrics = trainer.iteration(runner);
      assertThat(metrics.get("lazy_metric")).as("(10 + 20) / 2, not (10 + 20) / 5").isEqualTo(15f);
      assertThat(metrics.get("critic_metric")).isEqualTo(1f);
      Map<String, Float> without =
          new SequentialTrainerProvider().create(graph(tensorflow, true), TrainerSettings.DEFAULT).iteration(runner);
      assertThat(without).containsOnlyKeys("critic_metric", "encoder_metric");
    }
  }
}
