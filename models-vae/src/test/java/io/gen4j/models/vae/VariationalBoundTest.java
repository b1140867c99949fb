package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The ELBO's terms against values worked out by hand. */
class VariationalBoundTest {

  private static float[] evaluate(Graph graph, Operand<TFloat32> operand) {
    try (Session session = new Session(graph); Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  private static double softplus(double x) {
    return Math.log(1 + Math.exp(x));
  }

  @Test
  void reconstructionIsTheBernoulliCrossEntropySummedOverPixels() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> logits = tf.constant(new float[][] {{0f, 2f, -1f}, {30f, -30f, 0.5f}});
      Operand<TFloat32> targets = tf.constant(new float[][] {{1f, 0f, 1f}, {1f, 0f, 0.25f}});
      float[] values = evaluate(graph, VariationalBound.reconstruction(tf, logits, targets));
      // -log sigmoid(0) - log(1 - sigmoid(2)) - log sigmoid(-1) = ln 2 + softplus(2) + softplus(1)
      assertThat(values[0]).isCloseTo((float) (Math.log(2) + softplus(2) + softplus(1)), within(1e-5f));
      // confident and right: about e^-30 twice; a grey target 0.25 at logit 0.5: softplus(0.5) - 0.125
      assertThat(values[1]).isCloseTo((float) (2 * Math.exp(-30) + softplus(0.5) - 0.125), within(1e-5f));
    }
  }

  @Test
  void klIsZeroForTheStandardNormalPosterior() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> zeros = tf.constant(new float[][] {{0f, 0f, 0f}, {0f, 0f, 0f}});
      assertThat(evaluate(graph, VariationalBound.kl(tf, zeros, zeros))).containsExactly(0f, 0f);
    }
  }

  @Test
  void klMatchesTheClosedFormPerImage() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> mean = tf.constant(new float[][] {{1f, -2f}});
      Operand<TFloat32> logVariance = tf.constant(new float[][] {{0f, (float) Math.log(2)}});
      // 0.5 ((1 + 1 - 1 - 0) + (2 + 4 - 1 - ln 2)) = 3 - ln(2) / 2
      assertThat(evaluate(graph, VariationalBound.kl(tf, mean, logVariance))[0])
          .isCloseTo((float) (3 - Math.log(2) / 2), within(1e-5f));
    }
  }

  @Test
  void logImportanceWeightIsLogPriorPlusLogLikelihoodMinusLogPosterior() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> mean = tf.constant(new float[][] {{0.5f, -1f}});
      Operand<TFloat32> logVariance = tf.constant(new float[][] {{-1f, 0.5f}});
      Operand<TFloat32> epsilon = tf.constant(new float[][] {{1.5f, -0.3f}});
      Operand<TFloat32> z = VariationalBound.reparameterize(tf, mean, logVariance, epsilon);
      Operand<TFloat32> reconstruction = tf.constant(new float[] {7.25f});
      float[] weight = evaluate(graph, VariationalBound.logImportanceWeights(tf, reconstruction, z, epsilon, logVariance));
      float[] draws = evaluate(graph, z);

      double[] means = {0.5, -1};
      double[] logVariances = {-1, 0.5};
      double[] epsilons = {1.5, -0.3};
      double expected = -7.25;
      for (int i = 0; i < 2; i++) {
        double standardDeviation = Math.exp(logVariances[i] / 2);
        double value = means[i] + standardDeviation * epsilons[i];
        assertThat(draws[i]).isCloseTo((float) value, within(1e-6f));
        expected += logNormal(value, 0, 1) - logNormal(value, means[i], standardDeviation);
      }
      assertThat(weight[0]).isCloseTo((float) expected, within(1e-5f));
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void gaussianReconstructionIsTheNegativeLogDensityPlusTheBinWidthOfEachLevel() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> mean = tf.constant(new float[][] {{0.5f, 0.1f}});
      Operand<TFloat32> logScale = tf.constant(new float[][] {{-2f, -9f}});
      Operand<TFloat32> targets = tf.constant(new float[][] {{0.6f, 0.1005f}});
      float value = evaluate(graph, VariationalBound.gaussianReconstruction(tf, mean, logScale, targets))[0];
      // the second value's log scale -9 is clamped to -7
      double expected = -logNormal(0.6, 0.5, Math.exp(-2)) - logNormal(0.1005, 0.1, Math.exp(-7)) + 2 * Math.log(256);
      assertThat(value).isCloseTo((float) expected, within(1e-3f));
    }
  }

  @Test
  void discretizedLogisticGivesEachLevelItsBinsMassAndTheEdgesTheTails() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      double location = 0.3;
      double scale = Math.exp(-3);
      Operand<TFloat32> locations = tf.constant(new float[][] {{0.3f}, {0.3f}, {0.3f}});
      Operand<TFloat32> logScales = tf.constant(new float[][] {{-3f}, {-3f}, {-3f}});
      Operand<TFloat32> levels = tf.constant(new float[][] {{0f}, {80 / 255f}, {1f}});
      float[] values = evaluate(graph,
          VariationalBound.discretizedLogisticReconstruction(tf, locations, logScales, levels));
      double halfBin = 0.5 / 255;
      assertThat(values[0]).isCloseTo((float) -Math.log(sigmoid((halfBin - location) / scale)), within(1e-4f));
      double central = sigmoid((80 / 255.0 + halfBin - location) / scale)
          - sigmoid((80 / 255.0 - halfBin - location) / scale);
      assertThat(values[1]).isCloseTo((float) -Math.log(central), within(1e-4f));
      assertThat(values[2]).isCloseTo((float) -Math.log(1 - sigmoid((1 - halfBin - location) / scale)), within(1e-4f));
    }
  }

  @Test
  void discretizedLogisticProbabilitiesOfAllLevelsSumToOne() {
    for (float[] parameters : new float[][] {{0.3f, -3f}, {0.02f, -6f}, {0.9f, -1f}, {-0.4f, -2f}}) {
      try (Graph graph = new Graph()) {
        Ops tf = Ops.create(graph);
        float[][] locations = new float[256][1];
        float[][] logScales = new float[256][1];
        float[][] levels = new float[256][1];
        for (int level = 0; level < 256; level++) {
          locations[level][0] = parameters[0];
          logScales[level][0] = parameters[1];
          levels[level][0] = level / 255f;
        }
        float[] values = evaluate(graph, VariationalBound.discretizedLogisticReconstruction(
            tf, tf.constant(locations), tf.constant(logScales), tf.constant(levels)));
        double total = 0;
        for (float value : values) {
          total += Math.exp(-value);
        }
        assertThat(total).as("location %s, log scale %s", parameters[0], parameters[1]).isCloseTo(1.0, within(1e-3));
      }
    }
  }

  @Test
  void aLevelFarFromANarrowLogisticGetsAFiniteCost() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      float[] values = evaluate(graph, VariationalBound.discretizedLogisticReconstruction(tf,
          tf.constant(new float[][] {{0.1f}}), tf.constant(new float[][] {{-7f}}), tf.constant(new float[][] {{0.6f}})));
      // far in the tail the bin mass is the centre density times the bin width
      double standardized = (0.6 - 0.1) / Math.exp(-7);
      double logDensity = -standardized - (-7) - 2 * Math.log1p(Math.exp(-standardized));
      assertThat(values[0]).isFinite().isCloseTo((float) -(logDensity - Math.log(255)), within(1e-1f));
    }
  }

  @Test
  void bitsPerDimensionDivideNatsByDimensionsTimesLnTwo() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      float[] values = evaluate(graph, VariationalBound.bitsPerDimension(tf, tf.constant(new float[] {3072f}), 3072));
      assertThat(values[0]).isCloseTo((float) (1 / Math.log(2)), within(1e-6f));
    }
  }

  private static double logNormal(double x, double mean, double standardDeviation) {
    double standardized = (x - mean) / standardDeviation;
    return -0.5 * Math.log(2 * Math.PI) - Math.log(standardDeviation) - 0.5 * standardized * standardized;
  }
}
