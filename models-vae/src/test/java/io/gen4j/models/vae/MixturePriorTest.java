package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.spi.graph.NetworkBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Online EM against a known two-component mixture, sampling that draws from it, and the inverse map. */
class MixturePriorTest {

  private static final int BATCH = 200;

  /** The mixture the codes come from: weights, means and Cholesky factors of the covariances. */
  private static final double[] WEIGHTS = {0.3, 0.7};
  private static final double[][] MEANS = {{-4, 0}, {4, 2}};
  // covariances [[1, 0.5], [0.5, 1]] and [[0.5, 0], [0, 2]]
  private static final double[][][] FACTORS = {{{1, 0}, {0.5, Math.sqrt(0.75)}}, {{Math.sqrt(0.5), 0}, {0, Math.sqrt(2)}}};
  private static final double[][][] COVARIANCES = {{{1, 0.5}, {0.5, 1}}, {{0.5, 0}, {0, 2}}};

  @Test
  void fittedOnCodesOfAKnownMixtureItDrawsThatMixtureAndInvertsItsDraws() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "vae", 5);
      MixturePrior prior = MixturePrior.create(network, new SamplingPriorConfig(2, 0.95f), 2);
      Placeholder<TFloat32> means = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, 2)));
      prior.fit(network, means);
      Placeholder<TFloat32> noise = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> codes = prior.codes(noise);
      Operand<TFloat32> noiseOfCodes = prior.noise(codes);
      session.initialize();

      SplittableRandom random = new SplittableRandom(17);
      for (int update = 0; update < 400; update++) {
        try (TFloat32 batch = TFloat32.tensorOf(Shape.of(BATCH, 2), DataBuffers.of(mixtureDraws(random, BATCH)))) {
          Session.Runner runner = session.runner().feed(means, batch);
          network.updates().forEach(runner::addTarget);
          runner.run().close();
        }
      }

      int count = 40_000;
      float[] standard = new float[count * 2];
      for (int i = 0; i < standard.length; i++) {
        standard[i] = (float) random.nextGaussian();
      }
      float[][] fetched = run(session, noise, standard, count, codes, noiseOfCodes);
      float[] drawn = fetched[0];
      // the components are 8 apart along the first axis: its sign tells them apart
      for (int component = 0; component < 2; component++) {
        double[] sum = new double[2];
        double[][] products = new double[2][2];
        int members = 0;
        for (int i = 0; i < count; i++) {
          if ((drawn[2 * i] < 0) == (component == 0)) {
            members++;
            for (int a = 0; a < 2; a++) {
              sum[a] += drawn[2 * i + a];
              for (int b = 0; b < 2; b++) {
                products[a][b] += drawn[2 * i + a] * drawn[2 * i + b];
              }
            }
          }
        }
        assertThat(members / (double) count).as("weight %d", component).isCloseTo(WEIGHTS[component], within(0.02));
        for (int a = 0; a < 2; a++) {
          double mean = sum[a] / members;
          assertThat(mean).as("mean %d[%d]", component, a).isCloseTo(MEANS[component][a], within(0.12));
          for (int b = 0; b < 2; b++) {
            double covariance = products[a][b] / members - mean * (sum[b] / members);
            assertThat(covariance).as("covariance %d[%d][%d]", component, a, b)
                .isCloseTo(COVARIANCES[component][a][b], within(0.15));
          }
        }
      }
      // the inverse gives back the noise each draw came from
      assertThat(fetched[1]).containsExactly(standard, within(2e-3f));
    }
  }

  @Test
  void theInitialMixtureIsAValidPriorAndDrawsAreFiniteForExtremeNoise() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, "vae", 5);
      MixturePrior prior = MixturePrior.create(network, new SamplingPriorConfig(3, 0.5f), 4);
      Placeholder<TFloat32> noise = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Operand<TFloat32> codes = prior.codes(noise);
      session.initialize();
      float[] extreme = {-9, 0, 0, 0, 9, 1, -1, 2, 0, 0, 0, 0, 1e-7f, 3, 3, 3};
      float[] drawn = run(session, noise, extreme, 4, codes)[0];
      for (float value : drawn) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    }
  }

  private static float[] mixtureDraws(SplittableRandom random, int count) {
    float[] values = new float[count * 2];
    for (int i = 0; i < count; i++) {
      int component = random.nextDouble() < WEIGHTS[0] ? 0 : 1;
      double first = random.nextGaussian();
      double second = random.nextGaussian();
      double[][] factor = FACTORS[component];
      values[2 * i] = (float) (MEANS[component][0] + factor[0][0] * first);
      values[2 * i + 1] = (float) (MEANS[component][1] + factor[1][0] * first + factor[1][1] * second);
    }
    return values;
  }

  @SafeVarargs
  private static float[][] run(Session session, Placeholder<TFloat32> input, float[] values, int rows,
      Operand<TFloat32>... outputs) {
    try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(rows, values.length / rows), DataBuffers.of(values))) {
      Session.Runner runner = session.runner().feed(input, tensor);
      for (Operand<TFloat32> output : outputs) {
        runner.fetch(output);
      }
      return fetchAll(runner, outputs.length);
    }
  }

  private static float[][] fetchAll(Session.Runner runner, int count) {
    try (Result result = runner.run()) {
      float[][] fetched = new float[count][];
      for (int i = 0; i < count; i++) {
        TFloat32 output = (TFloat32) result.get(i);
        fetched[i] = new float[(int) output.size()];
        output.copyTo(DataBuffers.of(fetched[i], false, false));
      }
      return fetched;
    }
  }
}
