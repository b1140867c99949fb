package io.gen4j.spi.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.graph.Optimizers;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.Noise;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DifferentiableAugmentationTest {

  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Ops tf = Ops.create(graph);

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  private Noise noise(long seed) {
    return new FixedKeyNoise(tf, seed);
  }

  private float[] values(Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] copy = new float[(int) tensor.size()];
      tensor.copyTo(DataBuffers.of(copy, false, false));
      return copy;
    }
  }

  private Operand<TFloat32> images(float[] values, long... shape) {
    return tf.ensureShape(tf.reshape(tf.constant(values), tf.constant(shape)), Shape.of(shape));
  }

  private static float[] randomPixels(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  private DifferentiableAugmentation augmentation(AugmentConfig config, long seed) {
    return DifferentiableAugmentation.of(new NetworkBuilder(tf, "discriminator", 1), noise(seed), config);
  }

  private static AugmentConfig fixed(float probability, Augmentation... policy) {
    return new AugmentConfig(policy.length == 0 ? null : List.of(policy), probability, Optional.empty());
  }

  private static Operand<TFloat32> column(Ops tf, float... perImage) {
    return tf.reshape(tf.constant(perImage), tf.constant(new long[] {perImage.length, 1, 1, 1}));
  }

  @Test
  void probabilityZeroIsExactlyTheIdentityAndShapesArePreserved() {
    for (long[] shape : List.of(new long[] {4, 28, 28, 1}, new long[] {4, 32, 32, 3})) {
      float[] pixels = randomPixels((int) (shape[0] * shape[1] * shape[2] * shape[3]), 5);
      Operand<TFloat32> input = images(pixels, shape);
      Operand<TFloat32> unchanged = augmentation(fixed(0f), 3).apply(input);
      Operand<TFloat32> changed = augmentation(fixed(1f), 3).apply(input);
      assertThat(unchanged.shape().asArray()).containsExactly(shape);
      assertThat(changed.shape().asArray()).containsExactly(shape);
      assertThat(values(unchanged)).containsExactly(pixels);
      assertThat(values(changed)).isNotEqualTo(pixels);
    }
  }

  @Test
  void translationMovesPixelsByTheGivenShiftsAndFillsWithZero() {
    // Two 5x4 single-channel images with pixels 1..20; the first shifted by +1 row and -2 columns, the
    // second by -2 rows and +3 columns: out[i, j] = x[i + rows, j + columns], 0 outside.
    int height = 5;
    int width = 4;
    float[] pixels = new float[2 * height * width];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i % (height * width) + 1;
    }
    int[][] shifts = {{1, -2}, {-2, 3}};
    Operand<TFloat32> shifted = DifferentiableAugmentation.translate(tf, images(pixels, 2, height, width, 1),
        column(tf, 1f, -2f), column(tf, -2f, 3f));
    float[] actual = values(shifted);
    for (int image = 0; image < 2; image++) {
      for (int i = 0; i < height; i++) {
        for (int j = 0; j < width; j++) {
          int row = i + shifts[image][0];
          int col = j + shifts[image][1];
          float expected = row >= 0 && row < height && col >= 0 && col < width ? row * width + col + 1 : 0f;
          assertThat(actual[(image * height + i) * width + j]).as("image %d at (%d, %d)", image, i, j).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void translationAndCutoutPassGradientsToThePixelsTheyKeep() {
    // y = sum(w * translate(x)) with w[i, j] = 10 i + j + 1: dy/dx[r, c] = w[r - rows, c - columns] where that
    // output pixel exists, else 0 (the pixel was shifted out). Shifts as in the test above.
    int height = 5;
    int width = 4;
    float[] weights = new float[2 * height * width];
    for (int image = 0; image < 2; image++) {
      for (int i = 0; i < height; i++) {
        for (int j = 0; j < width; j++) {
          weights[(image * height + i) * width + j] = 10 * i + j + 1;
        }
      }
    }
    Operand<TFloat32> input = images(randomPixels(2 * height * width, 1), 2, height, width, 1);
    Operand<TFloat32> shifted =
        DifferentiableAugmentation.translate(tf, input, column(tf, 1f, -2f), column(tf, -2f, 3f));
    float[] gradient = values(tf.gradients(
        tf.sum(tf.math.mul(shifted, images(weights, 2, height, width, 1)), tf.constant(new int[] {0, 1, 2, 3})),
        List.of(input)).<TFloat32>dy(0));
    int[][] shifts = {{1, -2}, {-2, 3}};
    for (int image = 0; image < 2; image++) {
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          int i = r - shifts[image][0];
          int j = c - shifts[image][1];
          float expected = i >= 0 && i < height && j >= 0 && j < width ? 10 * i + j + 1 : 0f;
          assertThat(gradient[(image * height + r) * width + c]).as("image %d at (%d, %d)", image, r, c)
              .isEqualTo(expected);
        }
      }
    }
    // d sum(cutout(x)) / dx is 1 outside the cut and 0 inside: image 0's rows 0-3 of columns 2-3 (the
    // rectangle of the cutout test below).
    Operand<TFloat32> square = images(randomPixels(36, 2), 1, 6, 6, 1);
    float[] cutGradient = values(tf.gradients(
        tf.sum(DifferentiableAugmentation.cutout(tf, square, column(tf, 2f), column(tf, 3f), 4, 2),
            tf.constant(new int[] {0, 1, 2, 3})),
        List.of(square)).<TFloat32>dy(0));
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertThat(cutGradient[i * 6 + j]).as("(%d, %d)", i, j).isEqualTo(i < 4 && (j == 2 || j == 3) ? 0f : 1f);
      }
    }
  }

  @Test
  void cutoutZeroesTheRectangleAroundTheCentreCutAtTheEdges() {
    float[] ones = new float[2 * 6 * 6];
    java.util.Arrays.fill(ones, 1f);
    // 4 rows x 2 columns: image 0 centred at (2, 3) covers rows 0-3, columns 2-3; image 1 centred at (5, 0)
    // covers rows 3-6 and columns -1-0, cut to rows 3-5 and column 0.
    float[] actual = values(DifferentiableAugmentation.cutout(
        tf, images(ones, 2, 6, 6, 1), column(tf, 2f, 5f), column(tf, 3f, 0f), 4, 2));
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        boolean first = i < 4 && (j == 2 || j == 3);
        boolean second = i >= 3 && j == 0;
        assertThat(actual[i * 6 + j]).as("image 0 at (%d, %d)", i, j).isEqualTo(first ? 0f : 1f);
        assertThat(actual[36 + i * 6 + j]).as("image 1 at (%d, %d)", i, j).isEqualTo(second ? 0f : 1f);
      }
    }
  }

  @Test
  void colorFollowsDiffAugmentsFormulas() {
    // One 1x2 image with 3 channels; r = 0.8 (brightness), 0.25 (saturation), 0.1 (contrast).
    float[] pixels = {0.2f, -0.4f, 0.6f, -1f, 0f, 0.5f};
    float[] actual = values(DifferentiableAugmentation.color(
        tf, images(pixels, 1, 1, 2, 3), column(tf, 0.8f), column(tf, 0.25f), column(tf, 0.1f)));
    double[] expected = new double[6];
    double[] brighter = new double[6];
    for (int i = 0; i < 6; i++) {
      brighter[i] = pixels[i] + (0.8 - 0.5);
    }
    double[] saturated = new double[6];
    for (int pixel = 0; pixel < 2; pixel++) {
      double mean = (brighter[pixel * 3] + brighter[pixel * 3 + 1] + brighter[pixel * 3 + 2]) / 3;
      for (int c = 0; c < 3; c++) {
        saturated[pixel * 3 + c] = (brighter[pixel * 3 + c] - mean) * (0.25 * 2) + mean;
      }
    }
    double imageMean = java.util.Arrays.stream(saturated).average().orElseThrow();
    for (int i = 0; i < 6; i++) {
      expected[i] = (saturated[i] - imageMean) * (0.1 + 0.5) + imageMean;
      assertThat(actual[i]).as("value %d", i).isCloseTo((float) expected[i], within(1e-6f));
    }
  }

  @Test
  void eachImageIsAugmentedWithTheConfiguredProbability() {
    int batch = 400;
    float[] ones = new float[batch * 8 * 8];
    java.util.Arrays.fill(ones, 1f);
    Operand<TFloat32> input = images(ones, batch, 8, 8, 1);
    assertThat(cutImages(values(augmentation(fixed(1f, Augmentation.CUTOUT), 4).apply(input)), 64)).isEqualTo(batch);
    assertThat(cutImages(values(augmentation(fixed(0f, Augmentation.CUTOUT), 4).apply(input)), 64)).isZero();
    assertThat(cutImages(values(augmentation(fixed(0.5f, Augmentation.CUTOUT), 4).apply(input)), 64))
        .isBetween(160, 240);
  }

  @Test
  void cutoutReachesAsFarOverEachEdge() {
    // 8x8 images, a 4x4 cut: DiffAugment draws the centre in 0..8, so row 0 is cut for centres 0-2 and row 7
    // for centres 6-8, each 3 of 9 (columns likewise). Centres in 0..7 would cut row 7 in 2 of 8 only.
    int batch = 3000;
    float[] ones = new float[batch * 64];
    java.util.Arrays.fill(ones, 1f);
    float[] cut = values(augmentation(fixed(1f, Augmentation.CUTOUT), 6).apply(images(ones, batch, 8, 8, 1)));
    int[] edgeCuts = new int[4]; // top row, bottom row, left column, right column
    for (int image = 0; image < batch; image++) {
      boolean[] edges = new boolean[4];
      for (int k = 0; k < 8; k++) {
        edges[0] |= cut[image * 64 + k] == 0f;
        edges[1] |= cut[image * 64 + 56 + k] == 0f;
        edges[2] |= cut[image * 64 + k * 8] == 0f;
        edges[3] |= cut[image * 64 + k * 8 + 7] == 0f;
      }
      for (int edge = 0; edge < 4; edge++) {
        edgeCuts[edge] += edges[edge] ? 1 : 0;
      }
    }
    for (int edge = 0; edge < 4; edge++) {
      // 3/9 of 3000 = 1000, standard deviation 26
      assertThat(edgeCuts[edge]).as("edge %d", edge).isBetween(900, 1100);
    }
  }

  private static int cutImages(float[] pixels, int perImage) {
    int cut = 0;
    for (int image = 0; image < pixels.length / perImage; image++) {
      for (int i = 0; i < perImage; i++) {
        if (pixels[image * perImage + i] == 0f) {
          cut++;
          break;
        }
      }
    }
    return cut;
  }

  @Test
  void theSameKeyDrawsTheSameAugmentationAndAnotherKeyAnother() {
    Operand<TFloat32> input = images(randomPixels(4 * 16 * 16 * 3, 9), 4, 16, 16, 3);
    float[] first = values(augmentation(fixed(1f), 21).apply(input));
    float[] again = values(augmentation(fixed(1f), 21).apply(input));
    float[] other = values(augmentation(fixed(1f), 22).apply(input));
    assertThat(again).containsExactly(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void r1ThroughTheAugmentationHasSecondOrderGradientsForTheCritic() {
    NetworkBuilder critic = new NetworkBuilder(tf, "discriminator", 2);
    Operand<TFloat32> input = images(randomPixels(4 * 8 * 8 * 3, 3), 4, 8, 8, 3);
    Operand<TFloat32> augmented = augmentation(fixed(1f), 5).apply(input);
    Operand<TFloat32> hidden = Layers.leakyRelu(tf, Layers.dense(critic, "hidden", Layers.flatten(tf, augmented, 192), 192, 16), 0.2f);
    Operand<TFloat32> scores = Layers.dense(critic, "output", hidden, 16, 1);
    Operand<TFloat32> r1 = GradientPenalty.squaredGradientNorm(tf, scores, input, "stabilizers.r1Weight");
    // The kernels: the output bias does not change the gradient with respect to the images, so R1 has none for it.
    List<Operand<TFloat32>> gradients = Optimizers.gradients(tf, r1,
        List.of(critic.trainableByLocalName().get("hidden.kernel"), critic.trainableByLocalName().get("output.kernel")));
    session.initialize();
    assertThat(values(r1)[0]).isPositive();
    for (Operand<TFloat32> gradient : gradients) {
      for (float value : values(gradient)) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    }
    assertThat(values(gradients.get(0))).isNotEqualTo(new float[192 * 16]);
  }

  @Test
  void adaMovesTheProbabilityByBatchOverImagesTowardTheTargetWithinZeroAndOne() {
    NetworkBuilder discriminator = new NetworkBuilder(tf, "discriminator", 1);
    AugmentConfig config = new AugmentConfig(null, 0.01f, Optional.of(new AugmentConfig.Adaptive(0.6f, 400L)));
    DifferentiableAugmentation augmentation = DifferentiableAugmentation.of(discriminator, noise(1), config);
    assertThat(augmentation.adaptive()).isTrue();
    assertThat(discriminator.stateByLocalName()).containsOnlyKeys("augment.probability");
    // A batch of 8: each adaptation moves p by 8 / 400 = 0.02.
    Operand<TFloat32> overconfident = tf.constant(new float[][] {{1f}, {2f}, {3f}, {1f}, {1f}, {1f}, {0.5f}, {-1f}});
    Operand<TFloat32> unsure = tf.constant(new float[][] {{1f}, {-2f}, {-3f}, {1f}, {-1f}, {1f}, {-0.5f}, {-1f}});
    Op up = augmentation.adaptation(overconfident, overconfident);
    Op down = augmentation.adaptation(unsure, unsure);
    session.initialize();
    assertThat(values(augmentation.probability())[0]).isEqualTo(0.01f);
    session.run(up); // E[sign] = 0.75 > 0.6
    assertThat(values(augmentation.probability())[0]).isCloseTo(0.03f, within(1e-7f));
    session.run(down); // E[sign] = -0.25 < 0.6
    session.run(down);
    assertThat(values(augmentation.probability())[0]).isZero();
    for (int i = 0; i < 60; i++) {
      session.run(up);
    }
    assertThat(values(augmentation.probability())[0]).isEqualTo(1f);
  }

  @Test
  void adaReadsAndAssignsTheProbabilityOnlyAfterTheGivenOperand() {
    // The state variable is a ref variable: a read not ordered after `after` (which depends on every mask
    // drawn with p in the same run) could see p before or after its assignment.
    NetworkBuilder discriminator = new NetworkBuilder(tf, "discriminator", 1);
    AugmentConfig config = new AugmentConfig(null, null, Optional.of(new AugmentConfig.Adaptive(null, null)));
    DifferentiableAugmentation augmentation = DifferentiableAugmentation.of(discriminator, noise(1), config);
    GraphOperation variable = (GraphOperation) discriminator.stateByLocalName().get("augment.probability").op();
    java.util.Set<GraphOperation> readersBefore = variable.consumers();
    Operand<TFloat32> scores = tf.constant(new float[][] {{1f}, {-1f}});
    Operand<TFloat32> loss = tf.math.mean(scores, tf.constant(new int[] {0, 1}));
    Op adaptation = augmentation.adaptation(scores, loss);
    java.util.Set<GraphOperation> readers = new java.util.HashSet<>(variable.consumers());
    readers.removeAll(readersBefore);
    assertThat(readers).contains((GraphOperation) adaptation.op()).hasSizeGreaterThan(1);
    for (GraphOperation reader : readers) {
      assertThat(reader.controlInputs()).as(reader.name()).contains((GraphOperation) loss.op());
    }
  }

  @Test
  void configDefaultsAndErrorsNameTheirField() {
    AugmentConfig defaults = new AugmentConfig(null, null, null);
    assertThat(defaults.policy()).containsExactly(Augmentation.COLOR, Augmentation.TRANSLATION, Augmentation.CUTOUT);
    assertThat(defaults.probability()).isEqualTo(1f);
    AugmentConfig adaptive = new AugmentConfig(null, null, Optional.of(new AugmentConfig.Adaptive(null, null)));
    assertThat(adaptive.probability()).isZero();
    assertThat(adaptive.adaptive().orElseThrow().target()).isEqualTo(0.6f);
    assertThat(adaptive.adaptive().orElseThrow().images()).isEqualTo(500_000L);
    assertThatThrownBy(() -> new AugmentConfig(List.of(), null, null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("policy: lists no augmentation; use any of color, translation, cutout");
    assertThatThrownBy(() -> new AugmentConfig(List.of(Augmentation.CUTOUT, Augmentation.CUTOUT), null, null))
        .hasMessage("policy: lists an augmentation twice; use each of color, translation, cutout at most once");
    assertThatThrownBy(() -> new AugmentConfig(null, 1.5f, null))
        .hasMessage("probability: must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new AugmentConfig.Adaptive(1f, null))
        .hasMessage("target: must be in (0, 1), e.g. 0.6, got 1.0");
    assertThatThrownBy(() -> new AugmentConfig.Adaptive(null, 0L))
        .hasMessage("images: must be at least 1, got 0");
  }
}
