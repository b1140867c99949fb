package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.data.BundledMnist;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.Evaluation;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.PixelRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The evaluator on a model whose scores are known in closed form: observations are twice the images,
 * the score {@code sum} is the sum of an observation's pixels, and the log importance weights of an
 * observation with sum s are s, s + 1, s + 2 in every run.
 */
class HeldOutEvaluatorTest {

  private static final ImageShape SHAPE = new ImageShape(1, 2, 1);
  private static final int BATCH = 4;
  private static final int SAMPLES_PER_RUN = 3;

  /** Ten images, pixel bytes (20 i, 20 i + 5): four batches of four would count padding if it leaked. */
  private static ImageDataset tenImages() {
    byte[] pixels = new byte[20];
    for (int image = 0; image < 10; image++) {
      pixels[2 * image] = (byte) (20 * image);
      pixels[2 * image + 1] = (byte) (20 * image + 5);
    }
    return new ImageDataset("ten", SHAPE, pixels, null, 10);
  }

  /** The sum of observation i: 2 (40 i + 5) / 255. */
  private static double observedSum(int image) {
    return 2.0 * (40 * image + 5) / 255.0;
  }

  @Test
  void scoresAreMeansOverEveryImageWithoutThePadding() {
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(true), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      HeldOutEvaluator evaluator = evaluator(session, assembly, 5);
      EvaluationCompleted scores = evaluator.score(tenImages(), 30);
      double expected = 0;
      for (int image = 0; image < 10; image++) {
        expected += observedSum(image) / 10;
      }
      assertThat(scores.step()).isEqualTo(30);
      assertThat(scores.dataset()).isEqualTo("ten");
      assertThat(scores.images()).isEqualTo(10);
      assertThat(scores.protocol()).isEqualTo("doubled");
      assertThat(scores.metrics().keySet()).containsExactly("sum", "noise");
      assertThat(scores.metrics().get("sum")).isCloseTo(expected, within(1e-6));
    }
  }

  @Test
  void noiseIsFixedForASeedAndDiffersBetweenSeeds() {
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(true), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      double first = evaluator(session, assembly, 5).score(tenImages(), 0).metrics().get("noise");
      double again = evaluator(session, assembly, 5).score(tenImages(), 0).metrics().get("noise");
      double otherSeed = evaluator(session, assembly, 6).score(tenImages(), 0).metrics().get("noise");
      assertThat(again).isEqualTo(first);
      assertThat(otherSeed).isNotEqualTo(first);
      assertThat(first).isBetween(0.0, 1.0);
    }
  }

  @Test
  void importanceSampledEstimateCombinesRunsAndAPartialLastRun() {
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(true), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      // k = 7: two full runs of 3 samples and 1 sample of a third run, so per image
      // log (1/7) (2 (e^s + e^(s+1) + e^(s+2)) + e^s) = s + log((3 + 2e + 2e^2) / 7).
      LikelihoodEstimate estimate = evaluator(session, assembly, 5).logLikelihood(tenImages(), 7, 0);
      double offset = Math.log((3 + 2 * Math.E + 2 * Math.E * Math.E) / 7);
      double sum = 0;
      double squares = 0;
      for (int image = 0; image < 10; image++) {
        double value = -(observedSum(image) + offset);
        sum += value;
        squares += value * value;
      }
      double mean = sum / 10;
      double standardError = Math.sqrt((squares - 10 * mean * mean) / 9 / 10);
      assertThat(estimate.samples()).isEqualTo(7);
      assertThat(estimate.images()).isEqualTo(10);
      assertThat(estimate.protocol()).isEqualTo("doubled");
      assertThat(estimate.negativeLogLikelihood()).isCloseTo(mean, within(1e-5));
      assertThat(estimate.standardError()).isCloseTo(standardError, within(1e-5));
      assertThat(estimate.scores().get("sum")).isCloseTo(-mean - offset, within(1e-5));
    }
  }

  @Test
  void aLikelihoodNeedsImportanceWeightsAndAtLeastOneSample() {
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(false), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      assertThatThrownBy(() -> evaluator(session, assembly, 5).logLikelihood(tenImages(), 10, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the model has no importance weights to estimate a likelihood with");
    }
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(true), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      assertThatThrownBy(() -> evaluator(session, assembly, 5).logLikelihood(tenImages(), 0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the number of importance samples must be at least 1, got 0");
    }
  }

  @Test
  void imagesOfAnotherShapeAreRefusedWithBothShapes() {
    try (ModelAssembly assembly = ModelAssembly.build(new KnownScores(true), SHAPE, 1, 5, Map.of());
        Session session = new Session(assembly.graph())) {
      assertThatThrownBy(() -> evaluator(session, assembly, 5).score(BundledMnist.test(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("mnist-test has images of 28x28x1, the model scores batches of shape [4, 1, 2, 1]");
    }
  }

  @Test
  void weightsOfTheWrongShapeAreRefused() {
    try (org.tensorflow.Graph graph = new org.tensorflow.Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, 1, 2, 1)));
      Operand<TFloat32> sum = tf.reduceSum(images, tf.constant(new int[] {1, 2, 3}));
      assertThatThrownBy(() -> new Evaluation("p", images, tf.identity(images), images, Map.of("sum", sum), Optional.of(sum)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("log importance weights must have shape [4, samples], got [4]");
      assertThatThrownBy(() -> new Evaluation("p", images, images, images, Map.of("sum", sum), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("observations must be an op of their own, such as tf.identity(images): a fed placeholder cannot be fetched");
      Placeholder<TFloat32> open = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 2, 1)));
      assertThatThrownBy(() -> new Evaluation("p", open, tf.identity(open), open, Map.of("sum", sum), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("evaluation images need a static shape [batch, height, width, channels], got [-1, 1, 2, 1]");
    }
  }

  private static HeldOutEvaluator evaluator(Session session, ModelAssembly assembly, long seed) {
    return new HeldOutEvaluator(
        session, assembly, assembly.modelGraph().evaluation().orElseThrow(), PixelRange.UNIT, seed);
  }

  /** A model with no networks whose evaluation is known in closed form. */
  private static final class KnownScores implements GenerativeModel {
    private final boolean withWeights;

    KnownScores(boolean withWeights) {
      this.withWeights = withWeights;
    }

    @Override
    public PixelRange pixelRange() {
      return PixelRange.UNIT;
    }

    @Override
    public ModelGraph build(GraphContext context) {
      Ops tf = context.tf();
      Shape batch = Shape.of(BATCH, 1, 2, 1);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(batch));
      Placeholder<TFloat32> observed = tf.placeholder(TFloat32.class, Placeholder.shape(batch));
      Operand<TFloat32> sum = tf.reduceSum(observed, tf.constant(new int[] {1, 2, 3}));
      Operand<TFloat32> noise = tf.math.mean(context.noise().uniform(BATCH, 2), tf.constant(1));
      Optional<Operand<TFloat32>> weights = withWeights
          ? Optional.of(tf.math.add(tf.expandDims(sum, tf.constant(1)), tf.constant(new float[][] {{0f, 1f, 2f}})))
          : Optional.empty();
      Evaluation evaluation = new Evaluation(
          "doubled", images, tf.math.mul(images, tf.constant(2f)), observed, orderedScores(sum, noise), weights);
      Placeholder<TFloat32> latent = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TFloat32> samples = tf.reshape(tf.math.sigmoid(latent), tf.constant(new long[] {-1, 1, 2, 1}));
      return new ModelGraph(List.of(), latent, samples).withEvaluation(evaluation);
    }

    private static Map<String, Operand<TFloat32>> orderedScores(Operand<TFloat32> sum, Operand<TFloat32> noise) {
      Map<String, Operand<TFloat32>> scores = new java.util.LinkedHashMap<>();
      scores.put("sum", sum);
      scores.put("noise", noise);
      return scores;
    }
  }
}
