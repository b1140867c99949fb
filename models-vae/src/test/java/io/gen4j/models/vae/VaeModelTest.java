package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.Evaluation;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.testing.FloatArrays;
import io.gen4j.train.HeldOutEvaluator;
import io.gen4j.train.LikelihoodEstimate;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The VAE's graph with weights set by hand, on two-pixel images and a 1-D latent: encoder mean = 0.5
 * x1 - x2 + 0.25, log-variance = -40 (a posterior so narrow that z is its mean to 1e-8), decoder logits
 * = (2 z - 1, -z + 0.5).
 */
class VaeModelTest {

  private static final ImageShape TWO_PIXELS = new ImageShape(1, 2, 1);
  private static final VaeConfig LINEAR =
      new VaeConfig(1, Architecture.MLP, List.of(), List.of(), 1f, Binarization.DYNAMIC, Likelihood.BERNOULLI);

  private static final float LOG_VARIANCE = -40f;

  /** For x = (1, 0): mean 0.75, so z = 0.75 and the logits are (0.5, -0.25). */
  private static double reconstructionOfOneZero() {
    return Math.log(1 + Math.exp(0.5)) - 0.5 + Math.log(1 + Math.exp(-0.25));
  }

  /** 0.5 (exp(-40) + 0.75^2 - 1 + 40). */
  private static double klOfOneZero() {
    return 0.5 * (Math.exp(LOG_VARIANCE) + 0.5625 - 1 - LOG_VARIANCE);
  }

  @Test
  void elboTermsOfAFixedTinyEncoderAndDecoderMatchTheHandComputedValues() {
    try (ModelAssembly assembly = tinyAssembly(); Session session = new Session(assembly.graph())) {
      session.initialize();
      setWeights(session, assembly, new float[][] {{0.5f}, {-1f}}, 0.25f, LOG_VARIANCE);
      Map<String, Float> metrics = stepMetrics(session, assembly, new float[] {1f, 0f});
      assertThat(metrics.get("reconstruction")).isCloseTo((float) reconstructionOfOneZero(), within(1e-5f));
      assertThat(metrics.get("kl")).isCloseTo((float) klOfOneZero(), within(1e-5f));
      assertThat(metrics.get("negative_elbo"))
          .isCloseTo((float) (reconstructionOfOneZero() + klOfOneZero()), within(1e-5f));
    }
  }

  @Test
  void heldOutScoresOfTheTinyCaseMatchAndOneSampleIwaeIsTheElboOnAverage() {
    try (ModelAssembly assembly = tinyAssembly(); Session session = new Session(assembly.graph())) {
      session.initialize();
      setWeights(session, assembly, new float[][] {{0.5f}, {-1f}}, 0.25f, LOG_VARIANCE);
      Evaluation evaluation = assembly.modelGraph().evaluation().orElseThrow();
      HeldOutEvaluator evaluator = new HeldOutEvaluator(session, assembly, evaluation, PixelRange.UNIT, 3);
      ImageDataset copies = copiesOfOneZero(2000);
      double negativeElbo = reconstructionOfOneZero() + klOfOneZero();

      EvaluationCompleted scores = evaluator.score(copies, 0);
      assertThat(scores.protocol()).isEqualTo("dynamic binarization");
      assertThat(scores.metrics().get("negative_elbo")).isCloseTo(negativeElbo, within(1e-4));

      // Here -log w = negative ELBO + (1 - epsilon^2) / 2 exactly, so the mean over 2,000 draws is within
      // a few times sqrt(2 / 2000) / 2 = 0.016 of the negative ELBO.
      LikelihoodEstimate oneSample = evaluator.logLikelihood(copies, 1, 0);
      assertThat(oneSample.negativeLogLikelihood()).isCloseTo(negativeElbo, within(0.08));
      assertThat(oneSample.negativeLogLikelihood()).isNotCloseTo(negativeElbo, within(1e-6));
      assertThat(oneSample.scores().get("negative_elbo")).isCloseTo(negativeElbo, within(1e-4));
    }
  }

  @Test
  void klIsZeroWhenTheEncoderGivesMeanZeroAndLogVarianceZero() {
    try (ModelAssembly assembly = tinyAssembly(); Session session = new Session(assembly.graph())) {
      session.initialize();
      setWeights(session, assembly, new float[][] {{0f}, {0f}}, 0f, 0f);
      assertThat(stepMetrics(session, assembly, new float[] {1f, 0f}).get("kl")).isEqualTo(0f);
    }
  }

  @Test
  void dynamicBinarizationDrawsPixelsWithTheirIntensityAsProbability() {
    float[] observed = observe(Binarization.DYNAMIC, 0.3f);
    double mean = Arrays.stream(toDoubles(observed)).average().orElseThrow();
    assertThat(Arrays.stream(toDoubles(observed)).allMatch(value -> value == 0 || value == 1)).isTrue();
    assertThat(mean).isCloseTo(0.3, within(0.01));
  }

  @Test
  void fixedBinarizationThresholdsAtOneHalfAndNoneKeepsIntensities() {
    assertThat(observe(Binarization.FIXED, 0.3f)).containsOnly(0f);
    assertThat(observe(Binarization.FIXED, 0.7f)).containsOnly(1f);
    assertThat(observe(Binarization.NONE, 0.3f)).containsOnly(0.3f);
  }

  @Test
  void theConvolutionalDecoderCropsBackToImageSidesTheStridesDoNotDivide() {
    VaeConfig threeConvolutions = new VaeConfig(
        2, Architecture.CONV, List.of(), List.of(2, 2, 2), 1f, Binarization.NONE, Likelihood.DISCRETIZED_LOGISTIC);
    for (ImageShape shape : List.of(ImageShape.MNIST, new ImageShape(30, 22, 3))) {
      try (ModelAssembly assembly = ModelAssembly.build(new VaeModel(threeConvolutions), shape, 4, 1, Map.of());
          Session session = new Session(assembly.graph())) {
        session.initialize();
        Sampler sampler = new Sampler(session, assembly, shape, PixelRange.UNIT);
        assertThat(sampler.decode(new float[] {0.5f, -1f}, 1).shape()).isEqualTo(shape);
      }
    }
  }

  @Test
  void continuousLikelihoodsRefuseBinarizedData() {
    assertThatThrownBy(() -> new VaeConfig(
            2, Architecture.MLP, List.of(), List.of(), 1f, Binarization.DYNAMIC, Likelihood.GAUSSIAN))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("binarize: the gaussian likelihood models the 256 levels of 8-bit data, not binarized pixels;"
            + " set binarize to none, got dynamic");
    assertThatThrownBy(() -> new VaeConfig(
            2, Architecture.MLP, List.of(), List.of(), 1f, Binarization.FIXED, Likelihood.DISCRETIZED_LOGISTIC))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("binarize: the discretized-logistic likelihood models the 256 levels of 8-bit data, not binarized"
            + " pixels; set binarize to none, got fixed");
  }

  @Test
  void theGaussianLikelihoodSeesEachLevelDequantizedWithinItsBin() {
    float level = 77 / 255f;
    float[] observed = observe(Binarization.NONE, Likelihood.GAUSSIAN, level);
    assertThat(FloatArrays.min(observed)).isGreaterThanOrEqualTo(77 / 256f);
    assertThat(FloatArrays.max(observed)).isLessThanOrEqualTo(78 / 256f);
    double mean = Arrays.stream(toDoubles(observed)).average().orElseThrow();
    assertThat(mean).isCloseTo(77.5 / 256, within(0.002));
    assertThat(observe(Binarization.NONE, Likelihood.DISCRETIZED_LOGISTIC, level)).containsOnly(level);
  }

  /** The evaluation's observations of 100 MNIST-sized images of one grey level. */
  private static float[] observe(Binarization binarization, float intensity) {
    return observe(binarization, Likelihood.BERNOULLI, intensity);
  }

  private static float[] observe(Binarization binarization, Likelihood likelihood, float intensity) {
    VaeConfig config = new VaeConfig(2, Architecture.MLP, List.of(8), List.of(), 1f, binarization, likelihood);
    try (ModelAssembly assembly = ModelAssembly.build(new VaeModel(config), ImageShape.MNIST, 4, 1, Map.of());
        Session session = new Session(assembly.graph())) {
      session.initialize();
      Evaluation evaluation = assembly.modelGraph().evaluation().orElseThrow();
      float[] images = new float[VaeModel.EVALUATION_BATCH * ImageShape.MNIST.size()];
      Arrays.fill(images, intensity);
      try (TFloat32 fed = TFloat32.tensorOf(evaluation.images().shape(), DataBuffers.of(images, true, false));
          TInt64 key = TInt64.vectorOf(1, 2);
          Result result = session.runner().feed(evaluation.images(), fed).feed(assembly.noiseKey(), key)
              .fetch(evaluation.observations()).run()) {
        float[] observed = new float[images.length];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(observed, false, false));
        return observed;
      }
    }
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  private static ModelAssembly tinyAssembly() {
    return ModelAssembly.build(new VaeModel(LINEAR), TWO_PIXELS, 1, 11, Map.of());
  }

  private static ImageDataset copiesOfOneZero(int count) {
    byte[] pixels = new byte[2 * count];
    for (int image = 0; image < count; image++) {
      pixels[2 * image] = (byte) 255;
    }
    return new ImageDataset("one-zero", TWO_PIXELS, pixels, null, count);
  }

  private static void setWeights(
      Session session, ModelAssembly assembly, float[][] meanKernel, float meanBias, float logVarianceBias) {
    Ops tf = Ops.create(assembly.graph());
    Map<String, Operand<TFloat32>> values = new LinkedHashMap<>();
    values.put("vae.encoder.mean.kernel", tf.constant(meanKernel));
    values.put("vae.encoder.mean.bias", tf.constant(new float[] {meanBias}));
    values.put("vae.encoder.log_variance.kernel", tf.constant(new float[][] {{0f}, {0f}}));
    values.put("vae.encoder.log_variance.bias", tf.constant(new float[] {logVarianceBias}));
    values.put("vae.decoder.logits.kernel", tf.constant(new float[][] {{2f, -1f}}));
    values.put("vae.decoder.logits.bias", tf.constant(new float[] {-1f, 0.5f}));
    List<Variable<TFloat32>> variables = objective(assembly).network().variables();
    assertThat(variables.stream().map(variable -> variable.op().name())).containsExactlyInAnyOrderElementsOf(values.keySet());
    Session.Runner runner = session.runner();
    for (Variable<TFloat32> variable : variables) {
      runner.addTarget(tf.assign(variable, values.get(variable.op().name())));
    }
    runner.run().close();
  }

  private static Objective objective(ModelAssembly assembly) {
    return assembly.modelGraph().objective(VaeModel.OBJECTIVE).orElseThrow();
  }

  private static Map<String, Float> stepMetrics(Session session, ModelAssembly assembly, float[] image) {
    Map<String, Operand<TFloat32>> metrics = objective(assembly).metrics();
    List<String> names = new ArrayList<>(metrics.keySet());
    try (TFloat32 real = TFloat32.tensorOf(Shape.of(1, 1, 2, 1), DataBuffers.of(image, true, false));
        TInt64 key = TInt64.vectorOf(11, 0)) {
      Session.Runner runner = session.runner().feed(assembly.realImages(), real).feed(assembly.noiseKey(), key);
      names.forEach(name -> runner.fetch(metrics.get(name)));
      try (Result result = runner.run()) {
        Map<String, Float> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          values.put(names.get(i), ((TFloat32) result.get(i)).getFloat());
        }
        return values;
      }
    }
  }
}
