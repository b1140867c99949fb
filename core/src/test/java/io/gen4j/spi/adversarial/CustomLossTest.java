package io.gen4j.spi.adversarial;

import static io.gen4j.testing.GraphRunner.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.graph.Layers;
import io.gen4j.train.ModelAssembly;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A loss a plugin brings: the relativistic average loss (Jolicoeur-Martineau 2018), whose generator
 * loss reads the real images' scores too. Core builds both objectives from it and feeds the
 * generator's update a batch of its own.
 */
class CustomLossTest {

  /** D minimizes BCE(C(x) - mean C(G(z)), 1) + BCE(C(G(z)) - mean C(x), 0); G the same with the targets swapped. */
  static class RelativisticAverageLoss implements AdversarialLoss {
    @Override
    public String id() {
      return "relativistic-average";
    }

    @Override
    public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
      return relativistic(tf, scores.real(), scores.fake());
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return relativistic(tf, scores.fake(), scores.real());
    }

    /** Keeps the default raw scores and adds the mean relativistic margin, of another kind. */
    @Override
    public Map<String, Metric> metrics(Ops tf, Scores scores) {
      Map<String, Metric> metrics = new LinkedHashMap<>(AdversarialLoss.super.metrics(tf, scores));
      metrics.put("relativistic_margin", new Metric(
          tf.math.sub(AdversarialLoss.mean(tf, scores.real()), AdversarialLoss.mean(tf, scores.fake())), MetricKind.OTHER));
      return metrics;
    }

    private static Operand<TFloat32> relativistic(Ops tf, Operand<TFloat32> first, Operand<TFloat32> second) {
      Operand<TFloat32> firstMean = AdversarialLoss.mean(tf, first);
      Operand<TFloat32> secondMean = AdversarialLoss.mean(tf, second);
      Operand<TFloat32> ones = tf.constant(1f);
      Operand<TFloat32> zeros = tf.constant(0f);
      return tf.math.add(
          AdversarialLoss.mean(tf, AdversarialLoss.sigmoidCrossEntropy(tf, tf.math.sub(first, secondMean), ones)),
          AdversarialLoss.mean(tf, AdversarialLoss.sigmoidCrossEntropy(tf, tf.math.sub(second, firstMean), zeros)));
    }
  }

  @Test
  void theCustomLossMatchesHandComputedValues() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      AdversarialLoss.Scores scores = new AdversarialLoss.Scores(
          tf.constant(new float[][] {{2f}, {-1f}}), tf.constant(new float[][] {{0.5f}, {-3f}}));
      // mean real 0.5, mean fake -1.25; D: BCE(r - (-1.25), 1) averaged + BCE(f - 0.5, 0) averaged.
      double expectedD = (softplus(-(2 + 1.25)) + softplus(-(-1 + 1.25))) / 2 + (softplus(0.5 - 0.5) + softplus(-3 - 0.5)) / 2;
      double expectedG = (softplus(-(0.5 - 0.5)) + softplus(-(-3 - 0.5))) / 2 + (softplus(2 + 1.25) + softplus(-1 + 1.25)) / 2;
      RelativisticAverageLoss loss = new RelativisticAverageLoss();
      assertThat(scalar(session, loss.discriminator(tf, scores))).isCloseTo((float) expectedD, within(1e-5f));
      assertThat(scalar(session, loss.generator(tf, scores))).isCloseTo((float) expectedG, within(1e-5f));
      assertThat(scalar(session, loss.metrics(tf, scores).get("relativistic_margin").value())).isCloseTo(1.75f, within(1e-6f));
    }
  }

  @Test
  void coreBuildsBothObjectivesAndFeedsTheGeneratorABatchWhenItsLossReadsRealScores() {
    try (ModelAssembly custom = assemble(new RelativisticAverageLoss());
        ModelAssembly hinge = assemble(StandardLoss.HINGE)) {
      ModelGraph graph = custom.modelGraph();
      assertThat(graph.objectiveNames()).containsExactly(AdversarialGraph.DISCRIMINATOR, AdversarialGraph.GENERATOR);
      assertThat(graph.objective(AdversarialGraph.GENERATOR).orElseThrow().consumesData()).isTrue();
      assertThat(hinge.modelGraph().objective(AdversarialGraph.GENERATOR).orElseThrow().consumesData()).isFalse();
      assertThat(custom.objective(AdversarialGraph.DISCRIMINATOR).metricKinds()).containsExactlyInAnyOrderEntriesOf(Map.of(
          "d_loss", MetricKind.LOSS, "critic_real", MetricKind.OTHER, "critic_fake", MetricKind.OTHER,
          "relativistic_margin", MetricKind.OTHER, "discriminator_grad_norm", MetricKind.OTHER));
      assertThat(custom.objective(AdversarialGraph.GENERATOR).metricKinds())
          .containsEntry("g_loss", MetricKind.LOSS);
    }
  }

  @Test
  void aCustomLossThatNeedsAConstraintIsRefusedWithoutOne() {
    AdversarialLoss critic = new RelativisticAverageLoss() {
      @Override
      public String id() {
        return "my-critic";
      }

      @Override
      public boolean needsLipschitzConstraint() {
        return true;
      }
    };
    assertThatThrownBy(() -> AdversarialSettings.of(critic))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("constraint: the my-critic loss needs a Lipschitz constraint: gradient-penalty or weight-clipping");
    assertThat(AdversarialSettings.builder(critic).gradientPenalty(5).build().gradientPenaltyWeight()).isEqualTo(5f);
  }

  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  private static ModelAssembly assemble(AdversarialLoss loss) {
    AdversarialSettings settings = AdversarialSettings.of(loss);
    GenerativeModel model = new AdversarialModel(settings) {
      @Override
      public ModelGraph build(GraphContext context) {
        ImageShape shape = context.imageShape();
        return AdversarialGraph.build(context, settings(), 2,
            (network, latent, mode) -> Layers.reshape(network.tf(),
                network.tf().math.tanh(Layers.dense(network, "out", latent, 2, shape.size())), -1, 2, 2, 1),
            (network, images, mode) -> Layers.dense(network, "out", Layers.flatten(network.tf(), images, 4), 4, 1));
      }
    };
    OptimizerConfig adam = OptimizerConfig.Adam.DEFAULT;
    return ModelAssembly.build(model, new ImageShape(2, 2, 1), 4, 1,
        Map.of(AdversarialGraph.GENERATOR, adam, AdversarialGraph.DISCRIMINATOR, adam));
  }
}
