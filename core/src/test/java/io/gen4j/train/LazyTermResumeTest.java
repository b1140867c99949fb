package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.TrainerSettings;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.adversarial.GradientPenalty;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.testing.ColourImages;
import io.gen4j.train.listeners.MetricsFileWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A run with a lazy R1 penalty interrupted at a step whose first update is not a regularized one, and
 * resumed, ends bit-identical to an uninterrupted run, with the same metrics; the penalty's metric is
 * logged on exactly the steps that ran a regularized update.
 */
class LazyTermResumeTest {

  private static final String CRITIC = "critic";
  private static final int INTERVAL = 3;
  private static final int UPDATES_PER_STEP = 2;
  private static final long STEPS = 10;
  /** Its first update is update 10 of the critic, not a multiple of the interval. */
  private static final long CHECKPOINT = 5;

  private final Gen4j gen4j = Gen4j.create();

  /**
   * A critic of real images against noise images, with a lazy R1 penalty (weighted by the interval)
   * on the real batch, updated twice per step; sampling is a fixed map of the latent to images.
   */
  private static final class CriticModel implements GenerativeModel {

    @Override
    public PixelRange pixelRange() {
      return PixelRange.SYMMETRIC;
    }

    @Override
    public TrainerSettings trainerSettings() {
      return TrainerSettings.updates(CRITIC, UPDATES_PER_STEP);
    }

    @Override
    public ModelGraph build(GraphContext context) {
      Ops tf = context.tf();
      ImageShape shape = context.imageShape();
      NetworkBuilder critic = context.network(CRITIC);
      Operand<TFloat32> noise = context.noise().normal(context.batchSize(), shape.size());
      Operand<TFloat32> fake =
          Layers.reshape(tf, tf.math.tanh(noise), context.batchSize(), shape.height(), shape.width(), shape.channels());
      Operand<TFloat32> realScores = score(critic, context.realImages(), shape);
      Operand<TFloat32> fakeScores = score(critic, fake, shape);
      Operand<TFloat32> loss = tf.math.add(
          tf.math.mean(tf.math.softplus(tf.math.neg(realScores)), tf.constant(new int[] {0, 1})),
          tf.math.mean(tf.math.softplus(fakeScores), tf.constant(new int[] {0, 1})));
      Operand<TFloat32> r1 = GradientPenalty.squaredGradientNorm(tf, realScores, context.realImages(), "r1");
      Operand<TFloat32> term = tf.math.mul(tf.constant(0.5f * INTERVAL), r1);
      Objective objective = Objective.of(CRITIC, critic.network(), loss, true)
          .withMetric("critic_loss", loss, MetricKind.LOSS)
          .withLazyTerm(INTERVAL, term, Map.of("r1_penalty", new Metric(r1, MetricKind.OTHER)));
      Placeholder<TFloat32> latent = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> decoder = tf.fill(tf.constant(new int[] {4, shape.size()}), tf.constant(0.1f));
      Operand<TFloat32> samples = Layers.reshape(tf, tf.math.tanh(tf.linalg.matMul(latent, decoder)),
          -1, shape.height(), shape.width(), shape.channels());
      return new ModelGraph(List.of(objective), latent, samples);
    }

    private static Operand<TFloat32> score(NetworkBuilder critic, Operand<TFloat32> images, ImageShape shape) {
      Ops tf = critic.tf();
      Operand<TFloat32> hidden = Layers.leakyRelu(tf,
          Layers.dense(critic, "hidden", Layers.flatten(tf, images, shape.size()), shape.size(), 8), 0.2f);
      return Layers.dense(critic, "output", hidden, 8, 1);
    }
  }

  private ExperimentConfig config(Path runs) {
    ExperimentConfig parsed = gen4j.configLoader().parse("""
        {"name": "lazy", "seed": 13, "model": {"type": "tiny-gan"},
         "data": {"batchSize": 8},
         "training": {"steps": %d, "logInterval": 1, "sampleInterval": 100, "checkpointInterval": %d},
         "output": {"runsDirectory": "%s"}}
        """.formatted(STEPS, CHECKPOINT, runs.toString().replace("\\", "/")), "lazy.json");
    return new ExperimentConfig(parsed.name(), parsed.seed(), parsed.modelType(), parsed.model(), parsed.data(),
        parsed.training().withOptimizers(Map.of(CRITIC, new OptimizerConfig.Adam(2e-3f, 0.5f, 0.99f, 1e-7f))),
        parsed.output());
  }

  private static TrainingResult train(
      ExperimentConfig config, RunDirectory run, Optional<Checkpoint> from, List<TrainingListener> more) {
    ImageDataset images = ColourImages.discs("discs", 64, 6, 6, 3);
    List<TrainingListener> listeners = new ArrayList<>(List.of(new MetricsFileWriter(run.metricsFile())));
    listeners.addAll(more);
    TrainingLoop loop =
        new TrainingLoop(config, new CriticModel(), new SequentialTrainerProvider(), images, images, 0, run, listeners);
    return loop.run(from);
  }

  @Test
  void aRunResumedBetweenRegularizedUpdatesEndsAsAnUninterruptedOne(@TempDir Path runs) throws Exception {
    ExperimentConfig config = config(runs);
    RunDirectory whole = RunDirectory.create(runs, "whole", LocalDateTime.of(2026, 1, 1, 0, 0));
    train(config, whole, Optional.empty(), List.of());

    RunDirectory interrupted = RunDirectory.create(runs, "interrupted", LocalDateTime.of(2026, 1, 1, 0, 1));
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onCheckpoint(CheckpointSaved event) {
        throw new IllegalStateException("simulated crash after step " + event.step());
      }
    };
    assertThatThrownBy(() -> train(config, interrupted, Optional.empty(), List.of(crash)))
        .hasMessage("simulated crash after step " + CHECKPOINT);
    Checkpoint checkpoint = new Checkpointer(interrupted.checkpointsDirectory(), 3).latest().orElseThrow();
    assertThat(checkpoint.state().step()).isEqualTo(CHECKPOINT);
    TrainingResult resumed = train(config, interrupted, Optional.of(checkpoint), List.of());

    assertThat(resumed.steps()).isEqualTo(STEPS);
    assertThat(ResumeAndReproducibilityTest.finalVariables(interrupted.path(), STEPS))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(whole.path(), STEPS));
    List<JsonNode> metrics = ResumeAndReproducibilityTest.metricsWithoutTimings(whole.path());
    assertThat(ResumeAndReproducibilityTest.metricsWithoutTimings(interrupted.path())).isEqualTo(metrics);

    // Step s runs the critic's updates 2s and 2s + 1: R1 on steps 0, 1, 3, 4, 6, 7, 9, logged as lines 1, 2, 4, ...
    List<Long> regularized = LongStream.range(0, STEPS)
        .filter(step -> (step * UPDATES_PER_STEP) % INTERVAL == 0 || (step * UPDATES_PER_STEP + 1) % INTERVAL == 0)
        .map(step -> step + 1).boxed().toList();
    assertThat(regularized).containsExactly(1L, 2L, 4L, 5L, 7L, 8L, 10L);
    assertThat(metrics).filteredOn(line -> line.has("r1_penalty")).extracting(line -> line.get("step").asLong())
        .containsExactlyElementsOf(regularized);
    assertThat(metrics).filteredOn(line -> line.has("r1_penalty"))
        .allSatisfy(line -> assertThat(line.get("r1_penalty").asDouble()).isPositive());
    assertThat(metrics).allSatisfy(
        line -> assertThat(line.has("critic_loss") && line.has("critic_grad_norm")).isTrue());
  }
}
