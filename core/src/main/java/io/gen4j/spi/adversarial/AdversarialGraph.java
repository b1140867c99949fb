package io.gen4j.spi.adversarial;

import io.gen4j.graph.WeightAverage;
import io.gen4j.graph.WeightClipping;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PostUpdate;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the objectives every GAN shares from its two networks: noise drawn in the graph, the loss,
 * the Lipschitz constraint, the generator's weight average and the metrics. A GAN model supplies only
 * its generator and discriminator.
 *
 * <p>The objectives are {@value #DISCRIMINATOR} and then {@value #GENERATOR}, each updating the network
 * of the same name (the keys of a GAN's {@code training.optimizers}); core's default trainer runs them
 * in that order, the discriminator {@link AdversarialSettings#discriminatorSteps()} times per step.
 *
 * <p>Metrics: {@code d_loss} and {@code g_loss} (losses) always; the loss's own ({@link
 * AdversarialLoss#metrics}: {@code d_real} and {@code d_fake}, mean D(x) and D(G(z)), for the
 * cross-entropy losses; {@code critic_real} and {@code critic_fake}, the mean raw scores, for the
 * others; {@code wasserstein_estimate}, mean C(x) - mean C(G(z)), for the Wasserstein loss), and
 * {@code gradient_penalty} (the unweighted penalty) with that constraint, and {@code r1_penalty} and
 * {@code r2_penalty} (unweighted) with those {@linkplain StabilizerConfig stabilizers}, logged on the
 * updates that compute them. R1/R2 are the discriminator objective's {@link
 * io.gen4j.spi.LazyTerm lazy term}, outside {@code d_loss}.
 *
 * <p>Stabilizers ({@link AdversarialSettings#stabilizers()}): spectral normalization of a network's
 * kernels (the weight average's too when the generator's are); differentiable augmentation of every batch
 * the discriminator scores, real and generated, in both objectives (the gradient penalty interpolates the
 * augmented batches; ADA's probability moves after each discriminator update and is logged as {@code
 * augment_p}, the value that update used); and the R1/R2 penalties, taken with respect to the images
 * before augmentation.
 */
public final class AdversarialGraph {

  /** The generator's objective and network. */
  public static final String GENERATOR = "generator";

  /** The discriminator's (critic's) objective and network. */
  public static final String DISCRIMINATOR = "discriminator";

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

  /** Builds a conditional generator's output from a latent batch and one class label per latent vector. */
  @FunctionalInterface
  public interface ConditionalGenerator {
    /**
     * @param network where the generator's variables live (its own, or its weight average's)
     * @param latent shape {@code [batch, latentSize]}
     * @param labels int32 of shape {@code [batch]}, each in {@code [0, GraphContext.classCount())}
     * @return images in [-1, 1] of the dataset's shape, of the labels' classes
     */
    Operand<TFloat32> generate(NetworkBuilder network, Operand<TFloat32> latent, Operand<TInt32> labels, Mode mode);
  }

  /** Scores a batch of images as members of the given classes: one logit (or critic value) per image. */
  @FunctionalInterface
  public interface ConditionalDiscriminator {
    /**
     * @param labels int32 of shape {@code [batch]}, the class each image is scored as
     * @return shape {@code [batch, 1]}
     */
    Operand<TFloat32> score(NetworkBuilder network, Operand<TFloat32> images, Operand<TInt32> labels, Mode mode);
  }

  private AdversarialGraph() {}

  /**
   * Builds the GAN's objectives and sampling path.
   *
   * @param latentSize size of the noise vector z, the width of the sampling path's latent placeholder
   */
  public static ModelGraph build(
      GraphContext context, AdversarialSettings settings, int latentSize, Generator generator, Discriminator discriminator) {
    return build(context, settings, latentSize, Optional.empty(),
        (network, latent, labels, mode) -> generator.generate(network, latent, mode),
        (network, images, labels, mode) -> discriminator.score(network, images, mode));
  }

  /**
   * Builds a class-conditional GAN's objectives and sampling path, for a model whose {@link
   * io.gen4j.spi.GenerativeModel#usesLabels()} is true. The discriminator scores each real image as a
   * member of its own class; the generator draws each fake image of the class of the real image at the
   * same position of the batch (so the two batches share their class mix, and the gradient penalty
   * interpolates images of one class), and its update reads a batch of its own for those labels. The
   * sampling path reads a labels placeholder beside the latent batch ({@link ModelGraph#labels()}).
   *
   * @param latentSize size of the noise vector z, the width of the sampling path's latent placeholder
   */
  public static ModelGraph buildConditional(
      GraphContext context, AdversarialSettings settings, int latentSize, ConditionalGenerator generator,
      ConditionalDiscriminator discriminator) {
    return build(context, settings, latentSize, Optional.of(context.realLabels()), generator, discriminator);
  }

  private static ModelGraph build(
      GraphContext context, AdversarialSettings settings, int latentSize, Optional<Operand<TInt32>> realLabels,
      ConditionalGenerator generator, ConditionalDiscriminator discriminator) {
    if (latentSize < 1) {
      throw new IllegalArgumentException("latentSize must be at least 1, got " + latentSize);
    }
    Ops tf = context.tf();
    NetworkBuilder generatorNetwork = context.network(GENERATOR);
    NetworkBuilder discriminatorNetwork = context.network(DISCRIMINATOR);
    StabilizerConfig stabilizers = settings.stabilizers();
    if (stabilizers.normalizesSpectrally(GENERATOR)) {
      generatorNetwork.normalizeKernelsSpectrally();
    }
    if (stabilizers.normalizesSpectrally(DISCRIMINATOR)) {
      discriminatorNetwork.normalizeKernelsSpectrally();
    }
    AdversarialLoss loss = settings.loss();

    Operand<TInt32> labels = realLabels.orElse(null);
    Optional<DifferentiableAugmentation> augmentation = stabilizers.augment()
        .map(augment -> DifferentiableAugmentation.of(discriminatorNetwork, context.noise(), augment));
    UnaryOperator<Operand<TFloat32>> augmented = images -> augmentation.map(a -> a.apply(images)).orElse(images);
    Operand<TFloat32> fake = generator.generate(
        generatorNetwork, context.noise().normal(context.batchSize(), latentSize), labels, Mode.TRAINING);
    Operand<TFloat32> realSeen = augmented.apply(context.realImages());
    Operand<TFloat32> fakeSeen = augmented.apply(fake);
    Operand<TFloat32> realScores = discriminator.score(discriminatorNetwork, realSeen, labels, Mode.TRAINING);
    Operand<TFloat32> fakeScores = discriminator.score(discriminatorNetwork, fakeSeen, labels, Mode.TRAINING);
    AdversarialLoss.Scores scores = new AdversarialLoss.Scores(realScores, fakeScores);

    Operand<TFloat32> discriminatorLoss = loss.discriminator(tf, scores);
    Operand<TFloat32> generatorLoss = loss.generator(tf, scores);
    Map<String, Metric> discriminatorMetrics = new LinkedHashMap<>();
    PostUpdate afterDiscriminatorUpdate = PostUpdate.NONE;
    if (settings.constraint() == LipschitzConstraint.GRADIENT_PENALTY) {
      GradientPenalty.Interpolation interpolation =
          GradientPenalty.interpolate(tf, context.noise(), realSeen, fakeSeen);
      Operand<TFloat32> penalty = GradientPenalty.penalty(
          tf, images -> discriminator.score(discriminatorNetwork, images, labels, Mode.TRAINING), interpolation.images());
      GradientPenalty.requireDifferentiable(tf, penalty, discriminatorNetwork.network().variables());
      discriminatorLoss = tf.math.add(discriminatorLoss, tf.math.mul(tf.constant(settings.gradientPenaltyWeight()), penalty));
      discriminatorMetrics.put("gradient_penalty", new Metric(penalty, MetricKind.OTHER));
    } else if (settings.constraint() == LipschitzConstraint.WEIGHT_CLIPPING) {
      afterDiscriminatorUpdate = WeightClipping.to(settings.clipValue());
    }
    Map<String, Metric> penaltyMetrics = new LinkedHashMap<>();
    Operand<TFloat32> penalties = null;
    if (stabilizers.r1Weight() > 0) {
      Operand<TFloat32> r1 = GradientPenalty.squaredGradientNorm(tf, realScores, context.realImages(), "stabilizers.r1Weight");
      penalties = weighted(tf, r1, stabilizers.r1Weight(), stabilizers.penaltyInterval(), penalties);
      penaltyMetrics.put("r1_penalty", new Metric(r1, MetricKind.OTHER));
    }
    if (stabilizers.r2Weight() > 0) {
      Operand<TFloat32> r2 = GradientPenalty.squaredGradientNorm(tf, fakeScores, fake, "stabilizers.r2Weight");
      penalties = weighted(tf, r2, stabilizers.r2Weight(), stabilizers.penaltyInterval(), penalties);
      penaltyMetrics.put("r2_penalty", new Metric(r2, MetricKind.OTHER));
    }
    if (penalties != null) {
      GradientPenalty.requireDifferentiable(tf, penalties, discriminatorNetwork.network().variables(),
          stabilizers.r1Weight() > 0 ? "stabilizers.r1Weight" : "stabilizers.r2Weight");
    }
    discriminatorMetrics.put("d_loss", new Metric(discriminatorLoss, MetricKind.LOSS));
    List<Op> augmentationUpdates = new ArrayList<>();
    if (augmentation.isPresent() && augmentation.get().adaptive()) {
      // p as this update used it: a copy, which ADA's change of p waits for like every other read of p
      Operand<TFloat32> usedProbability = tf.deepCopy(augmentation.get().probability());
      Operand<TFloat32> afterReads = tf.withControlDependencies(List.of(usedProbability)).identity(discriminatorLoss);
      augmentationUpdates.add(augmentation.get().adaptation(realScores, afterReads));
      discriminatorMetrics.put("augment_p", new Metric(usedProbability, MetricKind.OTHER));
    }
    discriminatorMetrics.putAll(loss.metrics(tf, scores));

    Placeholder<TFloat32> latent =
        tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latentSize)));
    Optional<Placeholder<TInt32>> sampleLabels = realLabels.map(
        real -> tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))));
    PostUpdate afterGeneratorUpdate = PostUpdate.NONE;
    NetworkBuilder samplingNetwork = generatorNetwork;
    if (settings.ema().isPresent()) {
      samplingNetwork = context.network(AVERAGE_GENERATOR);
      if (stabilizers.normalizesSpectrally(GENERATOR)) {
        samplingNetwork.normalizeKernelsSpectrally();
      }
      afterGeneratorUpdate = WeightAverage.of(generatorNetwork, samplingNetwork, settings.ema().get(), context.step());
    }
    Operand<TFloat32> samples =
        generator.generate(samplingNetwork, latent, sampleLabels.orElse(null), Mode.INFERENCE);

    Objective discriminatorObjective = Objective.of(DISCRIMINATOR, discriminatorNetwork.network(), discriminatorLoss, true)
        .withSideUpdates(discriminatorNetwork.updates())
        .withSideUpdates(augmentationUpdates)
        .withAfterUpdate(afterDiscriminatorUpdate);
    for (Map.Entry<String, Metric> metric : discriminatorMetrics.entrySet()) {
      discriminatorObjective = discriminatorObjective.withMetric(metric.getKey(), metric.getValue());
    }
    if (penalties != null) {
      // R1/R2 as a lazy term: on every penaltyInterval-th critic update only (every one at interval 1), not in d_loss.
      discriminatorObjective = discriminatorObjective.withLazyTerm(stabilizers.penaltyInterval(), penalties, penaltyMetrics);
    }
    // A relativistic loss reads the real images' scores for the generator too, and a conditional generator
    // may read the real batch's labels: then its update needs a batch of its own.
    boolean generatorReadsData = context.readsRealBatch(generatorLoss);
    Objective generatorObjective = Objective.of(GENERATOR, generatorNetwork.network(), generatorLoss, generatorReadsData)
        .withMetric("g_loss", new Metric(generatorLoss, MetricKind.LOSS))
        .withSideUpdates(generatorNetwork.updates())
        .withAfterUpdate(afterGeneratorUpdate);
    ModelGraph graph = new ModelGraph(List.of(discriminatorObjective, generatorObjective), latent, samples);
    return sampleLabels.map(graph::withLabels).orElse(graph);
  }

  /** {@code sum + weight / 2 · interval · penalty} (the interval undoes the lazy penalty's absence in between). */
  private static Operand<TFloat32> weighted(
      Ops tf, Operand<TFloat32> penalty, float weight, int interval, Operand<TFloat32> sum) {
    Operand<TFloat32> term = tf.math.mul(tf.constant(weight / 2f * interval), penalty);
    return sum == null ? term : tf.math.add(sum, term);
  }
}
