package io.gen4j.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.ImageBatch;
import io.gen4j.testing.FloatArrays;
import io.gen4j.train.LikelihoodEstimate;
import io.gen4j.train.Reconstructions;
import io.gen4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A short real training run of a small VAE on a slice of MNIST, and what a VAE user gets from it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaeTrainingTest {

  private final Gen4j gen4j = Gen4j.create();
  private final ObjectMapper json = new ObjectMapper();

  private Path runs;
  private Path run;

  private ExperimentConfig config(String model, String training) {
    return gen4j.configLoader().parse("""
        {"name": "vae-smoke", "seed": 5,
         "model": %s,
         "data": {"batchSize": 32, "limit": 960},
         "training": %s,
         "output": {"runsDirectory": "%s"}}
        """.formatted(model, training, runs.toString().replace("\\", "/")), "smoke.json");
  }

  @BeforeAll
  void train(@TempDir Path directory) {
    runs = directory;
    ExperimentConfig config = config(
        "{\"type\": \"vae\", \"latentSize\": 8, \"hiddenLayers\": [128, 64]}",
        "{\"steps\": 60, \"logInterval\": 10, \"sampleInterval\": 30, \"checkpointInterval\": 30,"
            + " \"evaluationInterval\": 30}");
    TrainingResult result = gen4j.experiments().train(config, List.of());
    assertThat(result.steps()).isEqualTo(60);
    run = result.runDirectory();
  }

  private List<JsonNode> metricLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  @Test
  void reconstructionLossDecreasesOverTensOfSteps() throws Exception {
    List<JsonNode> steps = metricLines().stream().filter(line -> !line.has("evaluation")).toList();
    assertThat(steps).hasSize(6);
    for (JsonNode line : steps) {
      assertThat(line.get("negative_elbo").asDouble())
          .isCloseTo(line.get("reconstruction").asDouble() + line.get("kl").asDouble(), within(1e-2));
    }
    double first = steps.get(0).get("reconstruction").asDouble();
    double last = steps.get(5).get("reconstruction").asDouble();
    assertThat(last).as("reconstruction at step 60 against steps 1-10 (%s)", first).isLessThan(0.8 * first);
  }

  @Test
  void theTestSplitIsScoredAtEachEvaluationIntervalAndAtTheEnd() throws Exception {
    List<JsonNode> evaluations = metricLines().stream().filter(line -> line.has("evaluation")).toList();
    assertThat(evaluations).extracting(line -> line.get("step").asLong()).containsExactly(30L, 60L);
    for (JsonNode line : evaluations) {
      assertThat(line.get("evaluation").asText()).isEqualTo("mnist-test");
      assertThat(line.get("images").asInt()).isEqualTo(10000);
      assertThat(line.get("protocol").asText()).isEqualTo("dynamic binarization");
      assertThat(line.get("negative_elbo").asDouble())
          .isCloseTo(line.get("reconstruction").asDouble() + line.get("kl").asDouble(), within(1e-2))
          .isBetween(50.0, 550.0);
    }
  }

  @Test
  void samplesAreProbabilitiesAndReproducible() {
    ImageBatch samples = gen4j.experiments().sample(run, 5, 3);
    assertThat(samples.count()).isEqualTo(5);
    assertThat(FloatArrays.min(samples.toArray())).isGreaterThanOrEqualTo(0f);
    assertThat(FloatArrays.max(samples.toArray())).isLessThanOrEqualTo(1f);
    assertThat(gen4j.experiments().sample(run, 5, 3).toArray()).containsExactly(samples.toArray());
    assertThat(run.resolve("samples/final.png")).isRegularFile();
  }

  @Test
  void interpolationsStartAndEndAtTheReconstructionsOfTheirImages() {
    Reconstructions reconstructions = gen4j.latentSpace().reconstruct(run, 4, 9);
    assertThat(reconstructions.originals().count()).isEqualTo(4);
    assertThat(FloatArrays.max(reconstructions.reconstructions().toArray())).isLessThanOrEqualTo(1f);
    assertThat(reconstructions.rows(4).count()).isEqualTo(8);

    // The same seed picks the same first images, so the walk of the first pair runs from the
    // reconstruction of image 0 to that of image 1, with the originals at both ends.
    ImageBatch walk = gen4j.latentSpace().interpolate(run, 2, 5, 9);
    assertThat(walk.count()).isEqualTo(2 * 7);
    assertThat(walk.image(0)).containsExactly(reconstructions.originals().image(0));
    assertThat(walk.image(1)).containsExactly(reconstructions.reconstructions().image(0));
    assertThat(walk.image(5)).containsExactly(reconstructions.reconstructions().image(1));
    assertThat(walk.image(6)).containsExactly(reconstructions.originals().image(1));
    assertThat(walk.image(3)).isNotEqualTo(walk.image(1));
  }

  @Test
  void iwaeWithOneSampleIsTheElboAndWithMoreIsTighter() {
    LikelihoodEstimate one = gen4j.likelihoodEstimator().estimate(run, 1, 1000, 4);
    double negativeElbo = one.scores().get("negative_elbo");
    assertThat(one.images()).isEqualTo(1000);
    assertThat(one.step()).isEqualTo(60);
    assertThat(one.protocol()).isEqualTo("dynamic binarization");
    // Both are one-draw estimates of the same expectation on the same observations; their difference
    // over 1,000 images is a few tenths of a nat, while a missing term of log w (0.5 sum epsilon^2 or
    // 0.5 sum z^2 over 8 latent dimensions) would move it by about 4.
    assertThat(one.negativeLogLikelihood()).isCloseTo(negativeElbo, within(1.0));

    LikelihoodEstimate many = gen4j.likelihoodEstimator().estimate(run, 60, 300, 4);
    assertThat(many.samples()).isEqualTo(60);
    assertThat(many.negativeLogLikelihood()).isLessThan(many.scores().get("negative_elbo"));
  }

  @Test
  void theManifoldNeedsATwoDimensionalLatent() {
    assertThatThrownBy(() -> gen4j.latentSpace().manifold(run, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the manifold grid needs a 2-D latent space; model vae of this run has 8 latent dimensions");
  }

  @Test
  void aTwoDimensionalLatentDecodesToAManifoldGrid() {
    ExperimentConfig config = config(
        "{\"type\": \"vae\", \"latentSize\": 2, \"hiddenLayers\": [32], \"binarize\": \"fixed\"}",
        "{\"steps\": 3, \"evaluationInterval\": 100}");
    Path twoD = gen4j.experiments().train(config, List.of()).runDirectory();
    ImageBatch grid = gen4j.latentSpace().manifold(twoD, 5);
    assertThat(grid.count()).isEqualTo(25);
    assertThat(FloatArrays.min(grid.toArray())).isGreaterThanOrEqualTo(0f);
    assertThat(grid.image(0)).isNotEqualTo(grid.image(24));
  }

  @Test
  void badVaeFieldsAreConfigErrorsNamingTheField() {
    assertThatThrownBy(() -> config("{\"type\": \"vae\", \"binarize\": \"sometimes\"}", "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.binarize: expected one of dynamic, fixed, none, got the string \"sometimes\"");
    assertThatThrownBy(() -> config("{\"type\": \"vae\", \"beta\": -1}", "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.beta: must be a finite number of at least 0, got -1.0");
    assertThatThrownBy(() -> config("{\"type\": \"vae\", \"encoder\": \"conv\", \"convFilters\": []}", "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.convFilters: must list at least one layer with encoder conv");
    assertThatThrownBy(() -> config("{\"type\": \"vae\", \"likelihood\": \"poisson\"}", "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.likelihood: expected one of bernoulli, gaussian, discretized-logistic, got the"
            + " string \"poisson\"");
    assertThatThrownBy(() -> config("{\"type\": \"vae\", \"likelihood\": \"gaussian\"}", "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.model.binarize: the gaussian likelihood models the 256 levels of 8-bit data, not"
            + " binarized pixels; set binarize to none, got dynamic");
    assertThatThrownBy(() -> config("{\"type\": \"vae\"}", "{\"evaluationInterval\": 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("smoke.json: $.training.evaluationInterval: must be at least 1, got 0");
  }
}
