package io.gen4j.train.adversarial;

import io.gen4j.graph.Mode;
import io.gen4j.graph.NetworkBuilder;
import io.gen4j.graph.WeightAverage;
import io.gen4j.graph.WeightClipping;
import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.GradientPenalty;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PostUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds the objectives every GAN shares from its two networks: noise drawn in the graph, the loss,
 * the Lipschitz constraint, the generator's weight average and the metrics. A GAN model supplies only
 * its generator and discriminator.
 *
 * <p>Metrics: {@code d_loss} and {@code g_loss} always; {@code d_real} and {@code d_fake} (mean D(x),
 * D(G(z))) for the cross-entropy losses; {@code critic_real} and {@code critic_fake} (mean raw
 * scores) for the others; {@code wasserstein_estimate} (mean C(x) - mean C(G(z))) for the
 * Wasserstein loss, and {@code gradient_penalty} (the unweighted penalty) with that constraint.
 */
public final class AdversarialGraph {

  /** The generator's weight average lives in this network. */
  public static final String AVERAGE_GENERATOR = "generator_ema";

  /** Builds a generator's output from a latent batch. */
  @FunctionalInterface
  public interface Generator {
    /**
     * @param network where the generator's variables live (its own, or its weight average's)
     * @param latent shape {@code [batch, latentSize]}
     * @return images in [-1, 1] of the dataset's shape
     */
    Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> latent, Mode mode);
  }

  /** Scores a batch of images: one logit (or critic value) per image. */
  @FunctionalInterface
  public interface Discriminator {
    /** @return shape {@code [batch, 1]} */
    Operand<TFloat32> score(NetworkBuilder network, Operand<TFloat32> images, Mode mode);
  }

  private AdversarialGraph() {}

  /** Builds the GAN's objectives and sampling path. */
  public static ModelGraph build(
      GraphContext context, AdversarialSettings settings, int latentSize, Generator generator, Discriminator discriminator) {
    Ops tf = context.tf();
    NetworkBuilder generatorNetwork = context.network(AdversarialTrainerProvider.GENERATOR);
    NetworkBuilder discriminatorNetwork = context.network(AdversarialTrainerProvider.DISCRIMINATOR);
    AdversarialLoss loss = settings.loss();

    Operand<TFloat32> fake =
        generator.generate(generatorNetwork, context.noise().normal(context.batchSize(), latentSize), Mode.TRAINING);
    Operand<TFloat32> realScores = discriminator.score(discriminatorNetwork, context.realImages(), Mode.TRAINING);
    Operand<TFloat32> fakeScores = discriminator.score(discriminatorNetwork, fake, Mode.TRAINING);

    Operand<TFloat32> discriminatorLoss = loss.discriminator(tf, realScores, fakeScores);
    Operand<TFloat32> generatorLoss = loss.generator(tf, fakeScores);
    Map<String, Operand<TFloat32>> discriminatorMetrics = new LinkedHashMap<>();
    PostUpdate afterDiscriminatorUpdate = PostUpdate.NONE;
    if (settings.constraint() == LipschitzConstraint.GRADIENT_PENALTY) {
      GradientPenalty.Interpolation interpolation =
          GradientPenalty.interpolate(tf, context.noise(), context.realImages(), fake);
      Operand<TFloat32> penalty = GradientPenalty.penalty(
          tf, images -> discriminator.score(discriminatorNetwork, images, Mode.TRAINING), interpolation.images());
      GradientPenalty.requireDifferentiable(tf, penalty, discriminatorNetwork.network().variables());
      discriminatorLoss = tf.math.add(discriminatorLoss, tf.math.mul(tf.constant(settings.gradientPenaltyWeight()), penalty));
      discriminatorMetrics.put("gradient_penalty", penalty);
    } else if (settings.constraint() == LipschitzConstraint.WEIGHT_CLIPPING) {
      afterDiscriminatorUpdate = WeightClipping.to(settings.clipValue());
    }
    discriminatorMetrics.put("d_loss", discriminatorLoss);
    if (loss == AdversarialLoss.MINIMAX || loss == AdversarialLoss.NON_SATURATING) {
      discriminatorMetrics.put("d_real", mean(tf, tf.math.sigmoid(realScores)));
      discriminatorMetrics.put("d_fake", mean(tf, tf.math.sigmoid(fakeScores)));
    } else {
      discriminatorMetrics.put("critic_real", mean(tf, realScores));
      discriminatorMetrics.put("critic_fake", mean(tf, fakeScores));
    }
    if (loss.isWasserstein()) {
      discriminatorMetrics.put("wasserstein_estimate", tf.math.sub(mean(tf, realScores), mean(tf, fakeScores)));
    }

    Placeholder<TFloat32> latent =
        tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latentSize)));
    PostUpdate afterGeneratorUpdate = PostUpdate.NONE;
    Operand<TFloat32> samples;
    if (settings.ema() != null) {
      NetworkBuilder average = context.network(AVERAGE_GENERATOR);
      samples = generator.generate(average, latent, Mode.INFERENCE);
      afterGeneratorUpdate = WeightAverage.of(generatorNetwork, average, settings.ema(), context.step());
    } else {
      samples = generator.generate(generatorNetwork, latent, Mode.INFERENCE);
    }

    Objective discriminatorObjective =
        Objective.of(AdversarialTrainerProvider.DISCRIMINATOR, discriminatorNetwork.network(), discriminatorLoss, true)
            .withMetrics(discriminatorMetrics)
            .withSideUpdates(discriminatorNetwork.updates())
            .withAfterUpdate(afterDiscriminatorUpdate);
    Objective generatorObjective =
        Objective.of(AdversarialTrainerProvider.GENERATOR, generatorNetwork.network(), generatorLoss, false)
            .withMetrics(Map.of("g_loss", generatorLoss))
            .withSideUpdates(generatorNetwork.updates())
            .withAfterUpdate(afterGeneratorUpdate);
    return new ModelGraph(List.of(discriminatorObjective, generatorObjective), latent, samples);
  }

  private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
  }
}
