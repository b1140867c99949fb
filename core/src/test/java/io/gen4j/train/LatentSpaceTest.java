package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run without an encoder or importance weights (the test-only {@code tiny-gan}) gets from the
 * latent-space and likelihood tools: one clear sentence each. The VAE module tests them on a model that
 * has both.
 */
class LatentSpaceTest {

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void aRunWithoutAnEncoderOrWeightsIsToldSo(@TempDir Path runs) {
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "tiny", "model": {"type": "tiny-gan"}, "data": {"batchSize": 8, "limit": 64},
         "training": {"steps": 2}, "output": {"runsDirectory": "%s"}}
        """.formatted(runs.toString().replace("\\", "/")), "tiny.json");
    Path run = gen4j.experiments().train(config, List.of()).runDirectory();

    assertThatThrownBy(() -> gen4j.latentSpace().reconstruct(run, 4, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model tiny-gan has no encoder");
    assertThatThrownBy(() -> gen4j.latentSpace().interpolate(run, 2, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model tiny-gan has no encoder");
    assertThatThrownBy(() -> gen4j.latentSpace().manifold(run, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the manifold grid needs a 2-D latent space; model tiny-gan of this run has 8 latent dimensions");
    assertThatThrownBy(() -> gen4j.likelihoodEstimator().estimate(run, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model tiny-gan has no importance weights to estimate a likelihood with");
    assertThatThrownBy(() -> gen4j.latentSpace().reconstruct(runs, 4, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(runs.toString());
  }

  @Test
  void manifoldQuantilesAreTheStandardNormalsAtCellCentres() {
    double[] quantiles = LatentSpace.normalQuantiles(4);
    assertThat(quantiles[0]).isCloseTo(-1.1503493803760079, within(1e-9));
    assertThat(quantiles[1]).isCloseTo(-0.3186393639643752, within(1e-9));
    assertThat(quantiles[2]).isCloseTo(0.3186393639643752, within(1e-9));
    assertThat(quantiles[3]).isCloseTo(1.1503493803760079, within(1e-9));
  }

  @Test
  void reconstructionRowsPutEachRowOfOriginalsAboveItsReconstructions() {
    ImageShape pixel = new ImageShape(1, 1, 1);
    Reconstructions reconstructions = new Reconstructions(
        new ImageBatch(pixel, 3, new float[] {0.1f, 0.2f, 0.3f}),
        new ImageBatch(pixel, 3, new float[] {0.6f, 0.7f, 0.8f}));
    assertThat(reconstructions.rows(2).toArray())
        .containsExactly(0.1f, 0.2f, 0.6f, 0.7f, 0.3f, 0f, 0.8f, 0f);
    assertThat(reconstructions.rows(3).toArray()).containsExactly(0.1f, 0.2f, 0.3f, 0.6f, 0.7f, 0.8f);
  }
}
