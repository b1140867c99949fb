package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.TrainingWarning;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunDiagnosticsTest {

  private static final ImageShape SHAPE = new ImageShape(4, 4, 1);

  private final RunDiagnostics diagnostics = new RunDiagnostics(randomImages(1));

  @Test
  void meanPairwiseDistanceOfTwoImagesIsTheirEuclideanDistance() {
    float[] pixels = new float[2 * SHAPE.size()];
    pixels[0] = 0.3f;
    pixels[SHAPE.size()] = 0.7f;
    pixels[SHAPE.size() + 1] = 0.3f;

    assertThat(RunDiagnostics.meanPairwiseDistance(new ImageBatch(SHAPE, 2, pixels)))
        .isCloseTo(0.5, offset(1e-6));
  }

  @Test
  void theDiscriminatorWinsAfterFiveLoggedIntervalsInARowAndWarnsOncePerEpisode() {
    Map<String, Double> winning = Map.of("d_loss", 0.01, "d_fake", 0.02);
    Map<String, Double> contested = Map.of("d_loss", 1.2, "d_fake", 0.4);
    for (int step = 1; step <= 4; step++) {
      assertThat(diagnostics.afterInterval(step, winning)).isEmpty();
    }
    assertThat(diagnostics.afterInterval(5, contested)).isEmpty();
    for (int step = 6; step <= 9; step++) {
      assertThat(diagnostics.afterInterval(step, winning)).isEmpty();
    }

    Optional<TrainingWarning> warning = diagnostics.afterInterval(10, winning);

    assertThat(warning).hasValueSatisfying(value -> {
      assertThat(value.step()).isEqualTo(10);
      assertThat(value.kind()).isEqualTo("discriminator-wins");
      assertThat(value.message()).startsWith(
          "the discriminator wins outright: d_loss 0.0100 and D(G(z)) 0.0200 for 5 logged intervals");
    });
    assertThat(diagnostics.afterInterval(11, winning)).isEmpty();
    assertThat(diagnostics.afterInterval(12, Map.of("g_loss", 1.0))).isEmpty();
  }

  @Test
  void samplesThatBecomeNearIdenticalWarnOnceUntilTheyRecover() {
    assertThat(diagnostics.afterSamples(100, randomImages(2))).isEmpty();

    Optional<TrainingWarning> warning = diagnostics.afterSamples(200, identicalImages());

    assertThat(warning).hasValueSatisfying(value -> {
      assertThat(value.kind()).isEqualTo("mode-collapse");
      assertThat(value.message()).startsWith("mode collapse: the fixed-noise samples are near-identical"
          + " (mean pairwise distance 0.000, real data ");
    });
    assertThat(diagnostics.afterSamples(300, identicalImages())).isEmpty();
    assertThat(diagnostics.afterSamples(400, randomImages(3))).isEmpty();
    assertThat(diagnostics.afterSamples(500, identicalImages())).isPresent();
  }

  @Test
  void anUntrainedGeneratorsSimilarSamplesAreNoCollapseUntilTheGraceStepsEnd() {
    assertThat(diagnostics.afterSamples(5, identicalImages())).isEmpty();
    assertThat(diagnostics.afterSamples(RunDiagnostics.UNTRAINED_STEPS - 1, identicalImages())).isEmpty();

    assertThat(diagnostics.afterSamples(RunDiagnostics.UNTRAINED_STEPS, identicalImages())).isPresent();
  }

  private static ImageBatch randomImages(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[16 * SHAPE.size()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    return new ImageBatch(SHAPE, 16, pixels);
  }

  private static ImageBatch identicalImages() {
    float[] pixels = new float[16 * SHAPE.size()];
    Arrays.fill(pixels, 0.5f);
    return new ImageBatch(SHAPE, 16, pixels);
  }
}
