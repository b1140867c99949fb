package io.gen4j.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweep files expanded into runs (grid order, random draws, names, {@code when}, seeds) and refused
 * before anything runs when a path, value or combination is wrong. Nothing here trains.
 */
class SweepPlannerTest {

  private static Gen4j gen4j;
  private static SweepPlanner planner;

  @TempDir Path directory;

  @BeforeAll
  static void discoverModels() {
    gen4j = Gen4j.create();
    planner = new SweepPlanner(gen4j.configLoader(), gen4j.catalog());
  }

  private Path write(String name, String json) throws Exception {
    Path file = directory.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private SweepPlan plan(String json) throws Exception {
    return planner.plan(SweepDefinition.read(write("s.json", json)));
  }

  private String error(String json) throws Exception {
    Path file = write("bad.json", json);
    try {
      planner.plan(SweepDefinition.read(file));
    } catch (ConfigException e) {
      return e.getMessage().replace(file.toString(), "bad.json");
    }
    throw new AssertionError("no error for " + json);
  }

  @Test
  void aGridIsTheProductOfItsAxesFirstAxisOutermostWithSeedsInnermost() throws Exception {
    SweepPlan plan = plan("""
        {"name": "grid", "base": {"model": {"type": "gan"}}, "set": {"training.steps": 7},
         "axes": {"model.loss": ["hinge", "least-squares"], "data.batchSize": [32, 64, 128]},
         "seeds": [1, 2]}
        """);
    assertThat(plan.runs()).hasSize(12);
    assertThat(plan.runs()).extracting(PlannedRun::name).startsWith(
        "loss-hinge_batchSize-32_s1", "loss-hinge_batchSize-32_s2", "loss-hinge_batchSize-64_s1");
    assertThat(plan.runs().get(11).name()).isEqualTo("loss-least-squares_batchSize-128_s2");
    assertThat(plan.combinations()).hasSize(6);
    PlannedRun last = plan.runs().get(11);
    assertThat(last.config().training().steps()).isEqualTo(7);
    assertThat(last.config().data().batchSize()).isEqualTo(128);
    assertThat(last.config().seed()).isEqualTo(2);
    assertThat(last.config().name()).isEqualTo("loss-least-squares_batchSize-128_s2");
    assertThat(last.config().model().toString()).contains("LEAST_SQUARES");
  }

  @Test
  void theIssuesFormWorksWithABaseFileRelativeToTheSweepFile() throws Exception {
    Files.createDirectories(directory.resolve("configs"));
    Files.copy(Path.of("configs/dcgan-mnist.json"), directory.resolve("configs/dcgan-mnist.json"));
    Files.createDirectories(directory.resolve("sweeps"));
    Path sweep = directory.resolve("sweeps/gan-losses.json");
    Files.writeString(sweep, """
        {"name": "gan-losses", "base": "../configs/dcgan-mnist.json",
         "set": {"training.steps": 1000},
         "axes": {"model.loss": ["minimax", "non-saturating", "hinge", "least-squares"]},
         "seeds": [1, 2, 3]}
        """);
    SweepPlan plan = planner.plan(SweepDefinition.read(sweep));
    assertThat(plan.runs()).hasSize(12);
    assertThat(plan.runs()).allSatisfy(run -> assertThat(run.config().modelType()).isEqualTo("dcgan"));
    assertThat(plan.runs()).allSatisfy(run -> assertThat(run.config().training().steps()).isEqualTo(1000));
  }

  @Test
  void theReadmesExampleOfARefusedCombination() throws Exception {
    Files.createDirectories(directory.resolve("configs"));
    Files.copy(Path.of("configs/dcgan-mnist.json"), directory.resolve("configs/dcgan-mnist.json"));
    Path sweeps = Files.createDirectories(directory.resolve("sweeps"));
    Files.writeString(sweeps.resolve("sweep.json"), """
        {"base": "../configs/dcgan-mnist.json", "axes": {"model.loss": ["hinge", "wasserstein"]}}
        """);
    assertThatThrownBy(() -> planner.plan(SweepDefinition.read(sweeps.resolve("sweep.json"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(sweeps.resolve("sweep.json") + ": axis model.loss, value wasserstein: "
            + directory.resolve("configs/dcgan-mnist.json") + ": $.model.constraint: the wasserstein loss needs a "
            + "Lipschitz constraint: gradient-penalty or weight-clipping");
  }

  @Test
  void theShippedSweepsPlan() throws Exception {
    SweepPlan losses = planner.plan(SweepDefinition.read(Path.of("sweeps/gan-losses.json")));
    assertThat(losses.runs()).hasSize(15);
    assertThat(losses.combinations().keySet()).containsExactly(
        "loss-minimax", "loss-non-saturating", "loss-wasserstein", "loss-hinge", "loss-least-squares");
    PlannedRun wasserstein = losses.runs().get(6);
    assertThat(wasserstein.name()).isEqualTo("loss-wasserstein_s1");
    assertThat(wasserstein.config().model().toString()).contains("GRADIENT_PENALTY");
    assertThat(wasserstein.config().training().optimizers().get("generator").learningRate()).isEqualTo(1e-4f);
    assertThat(losses.runs().get(0).config().model().toString()).contains("constraint=NONE");

    SweepPlan latent = planner.plan(SweepDefinition.read(Path.of("sweeps/vae-latent.json")));
    assertThat(latent.runs()).hasSize(12);
    assertThat(latent.definition().metric()).isEqualTo("mnist-test negative_elbo");
  }

  @Test
  void whenAddsOverridesToTheRunsOfOneAxisValue() throws Exception {
    SweepPlan plan = plan("""
        {"base": {"model": {"type": "gan"}},
         "axes": {"model.loss": ["hinge", "wasserstein"]},
         "when": {"model.loss=wasserstein": {"model.constraint": "weight-clipping"}}}
        """);
    assertThat(plan.name()).isEqualTo("s");
    assertThat(plan.runs()).extracting(PlannedRun::name).containsExactly("loss-hinge_s42", "loss-wasserstein_s42");
    assertThat(plan.runs().get(0).config().model().toString()).contains("constraint=NONE");
    assertThat(plan.runs().get(1).config().model().toString()).contains("constraint=WEIGHT_CLIPPING");
  }

  @Test
  void randomDrawsAreReproducibleLogUniformForLearningRatesAndRoundedToThreeDigits() throws Exception {
    String sweep = """
        {"base": {"model": {"type": "gan"}}, "random": {"draws": 40, "seed": %d},
         "axes": {"training.optimizers.generator.learningRate": {"logUniform": [1e-5, 1e-2]},
                  "data.batchSize": {"integer": [16, 18]},
                  "model.leakySlope": {"uniform": [0.1, 0.3]},
                  "model.loss": ["hinge", "least-squares"]}}
        """;
    SweepPlan first = plan(sweep.formatted(7));
    SweepPlan again = plan(sweep.formatted(7));
    SweepPlan other = plan(sweep.formatted(8));
    assertThat(first.runs()).hasSize(40);
    assertThat(first.runs()).extracting(PlannedRun::name).isEqualTo(again.runs().stream().map(PlannedRun::name).toList());
    assertThat(first.runs()).extracting(PlannedRun::name).isNotEqualTo(other.runs().stream().map(PlannedRun::name).toList());
    assertThat(first.runs().get(0).name()).startsWith("r01_learningRate-").endsWith("_s42");

    List<Double> rates = first.runs().stream()
        .map(run -> (double) run.config().training().optimizers().get("generator").learningRate()).toList();
    assertThat(rates).allSatisfy(rate -> assertThat(rate).isBetween(1e-5, 1e-2));
    // Log-uniform: about a third of the draws in each decade, not 90% in the top one as a uniform draw would.
    assertThat(rates.stream().filter(rate -> rate < 1e-4).count()).isBetween(5L, 25L);
    assertThat(first.runs()).allSatisfy(run -> {
      String value = run.values().get("training.optimizers.generator.learningRate").asText();
      assertThat(new java.math.BigDecimal(value).precision()).isLessThanOrEqualTo(3);
    });
    assertThat(first.runs()).extracting(run -> run.config().data().batchSize()).containsOnly(16, 17, 18)
        .contains(16, 18);
    assertThat(first.runs()).extracting(run -> run.values().get("model.loss").asText())
        .containsOnly("hinge", "least-squares");
    OptimizerConfig discriminator = first.runs().get(0).config().training().optimizers().get("discriminator");
    assertThat(discriminator.learningRate()).isEqualTo(2e-4f); // only the generator's rate is swept
  }

  @Test
  void namesAreShortReadableAndUnique() {
    assertThat(SweepPlanner.token(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(2e-4))).isEqualTo("0.0002");
    assertThat(SweepPlanner.token(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(List.of(64, 32))))
        .isEqualTo("64-32");
    assertThat(SweepPlanner.token(com.fasterxml.jackson.databind.node.TextNode.valueOf("a b/c"))).isEqualTo("a-b-c");
  }

  @Test
  void anUnknownPathIsRefusedNamingTheAxisAndValue() throws Exception {
    assertThat(error("""
        {"base": {"model": {"type": "gan"}}, "axes": {"model.los": ["hinge"]}}
        """)).isEqualTo("bad.json: axis model.los, value hinge: bad.json $.base: $.model.los: unknown field 'los'; "
        + "known fields: batchNormMomentum, clipValue, constraint, discriminatorLayers, discriminatorSteps, ema, "
        + "generatorLayers, gradientPenaltyWeight, latentSize, leakySlope, loss, stabilizers (overridden: model.los=hinge)");
    assertThat(error("""
        {"base": {"model": {"type": "gan"}}, "axes": {"training.optimizers.critic.learningRate": [0.1]}}
        """)).startsWith("bad.json: axis training.optimizers.critic.learningRate, value 0.1: bad.json $.base: "
        + "$.training.optimizers.critic: unknown network 'critic'; networks of model 'gan': discriminator, generator");
  }

  @Test
  void aValueOfTheWrongTypeOrOneTheModelRejectsIsRefusedNamingTheAxisAndValue() throws Exception {
    assertThat(error("""
        {"base": {"model": {"type": "gan"}}, "axes": {"data.batchSize": [64, "big"]}}
        """)).isEqualTo("bad.json: axis data.batchSize, value big: bad.json $.base: $.data.batchSize: expected an "
        + "integer, got the string \"big\" (overridden: data.batchSize=big)");
    assertThat(error("""
        {"base": {"model": {"type": "gan"}}, "axes": {"model.loss": ["hinge", "wasserstein"]}}
        """)).startsWith("bad.json: axis model.loss, value wasserstein: bad.json $.base: $.model.constraint: ");
    assertThat(error("""
        {"base": {"model": {"type": "gan"}}, "axes": {"model.latentSize": [0]}}
        """)).startsWith("bad.json: axis model.latentSize, value 0: bad.json $.base: $.model.latentSize: must be at least 1");
  }

  @Test
  void aCombinationThatFailsOnlyAsAWholeNamesEveryValue() throws Exception {
    assertThat(error("""
        {"base": {"model": {"type": "gan"}},
         "axes": {"model.loss": ["hinge", "wasserstein"], "model.constraint": ["gradient-penalty", "none"]}}
        """)).startsWith("bad.json: combination model.loss=hinge, model.constraint=gradient-penalty: bad.json $.base: "
        + "$.model.constraint: gradient-penalty constrains a Wasserstein critic");
    assertThat(error("""
        {"base": {"model": {"type": "gan"}},
         "axes": {"model.loss": ["wasserstein", "hinge"], "model.constraint": ["weight-clipping", "none"]}}
        """)).startsWith("bad.json: combination model.loss=wasserstein, model.constraint=none: ");
  }

  @Test
  void aBrokenBaseIsBlamedOnTheBase() throws Exception {
    assertThat(error("""
        {"base": {"model": {"type": "gan"}, "training": {"steps": 0}}, "axes": {"model.loss": ["hinge"]}}
        """)).isEqualTo("bad.json: the base config cannot run: bad.json $.base: $.training.steps: must be at least 1, got 0");
  }

  @Test
  void mistakesInTheSweepFileItselfNameTheJsonPath() throws Exception {
    String base = "\"base\": {\"model\": {\"type\": \"gan\"}}";
    assertThat(error("{" + base + ", \"axes\": {\"model.loss\": []}}"))
        .isEqualTo("bad.json: $.axes[\"model.loss\"]: the axis has no values; list at least one");
    assertThat(error("{" + base + ", \"axis\": {}}"))
        .isEqualTo("bad.json: $.axis: unknown field 'axis'; known fields: name, base, set, axes, random, when, seeds, eval, metric");
    assertThat(error("{" + base + ", \"axes\": {\"model.loss\": [\"hinge\", \"hinge\"]}}"))
        .isEqualTo("bad.json: $.axes[\"model.loss\"]: the value hinge is listed twice");
    assertThat(error("{" + base + ", \"axes\": {\"training.optimizers.generator.learningRate\": {\"logUniform\": [1e-5, 1e-3]}}}"))
        .isEqualTo("bad.json: $.axes[\"training.optimizers.generator.learningRate\"]: a range is drawn from in a random "
            + "search only (add \"random\": {\"draws\": N}); a grid axis lists its values");
    assertThat(error("{" + base + ", \"random\": {\"draws\": 2}, \"axes\": {\"x.y\": {\"logUniform\": [0, 1]}}}"))
        .isEqualTo("bad.json: $.axes[\"x.y\"].logUniform: a log-uniform range must be above 0, got low 0");
    assertThat(error("{" + base + ", \"axes\": {\"model.loss\": \"hinge\"}}"))
        .isEqualTo("bad.json: $.axes[\"model.loss\"]: expected a list of values or a range such as "
            + "{\"logUniform\": [1e-5, 1e-3]}, got the string \"hinge\"");
    assertThat(error("{" + base + ", \"axes\": {\"model.loss\": [\"hinge\"]}, \"when\": {\"model.loss=wgan\": {}}}"))
        .isEqualTo("bad.json: $.when[\"model.loss=wgan\"]: wgan is not a value of axis model.loss; its values: hinge");
    assertThat(error("{" + base + ", \"seeds\": [1, 1]}")).isEqualTo("bad.json: $.seeds[1]: seed 1 is listed twice");
    assertThat(error("{" + base + ", \"seeds\": [1.5]}")).isEqualTo("bad.json: $.seeds[0]: expected an integer, got the number 1.5");
    assertThat(error("{" + base + ", \"eval\": {\"samples\": 1}}")).isEqualTo("bad.json: $.eval.samples: must be at least 2, got 1");
    assertThat(error("{" + base + ", \"eval\": {\"sample\": 100}}")).startsWith("bad.json: $.eval.sample: unknown field 'sample'; known fields: ");
    assertThat(error("{" + base + ", \"eval\": {\"featureNetwork\": {\"epochs\": \"one\"}}}"))
        .isEqualTo("bad.json: $.eval.featureNetwork.epochs: expected an integer, got the string \"one\"");
    assertThat(error("{" + base + ", \"metric\": \"fdi\"}")).startsWith("bad.json: $.metric: unknown metric 'fdi'; known: fid, kid_x1000, ");
    assertThat(error("{\"base\": \"missing.json\"}")).isEqualTo("bad.json: $.base: " + directory.resolve("missing.json") + ": no such file");
    assertThat(error("{" + base + ", \"set\": {\"training steps\": 1}}"))
        .isEqualTo("bad.json: $.set[\"training steps\"]: expected a config path of field names joined by '.', such as training.steps");
    assertThat(error("{" + base + ", \"name\": \"a/b\"}"))
        .isEqualTo("bad.json: $.name: must be letters, digits, '.', '_' or '-' (it names the sweep's directory), got 'a/b'");
  }

  @Test
  void aPreparedRunWhoseConfigNoLongerMatchesTheSweepIsRefused() throws Exception {
    Path runs = directory.resolve("runs");
    SweepDirectory.prepare(runs, plan("""
        {"name": "again", "base": {"model": {"type": "gan"}}, "set": {"training.steps": 10}, "seeds": [1]}
        """), gen4j.configLoader());
    assertThat(Files.readString(runs.resolve("again/s1/config.json"))).contains("\"steps\" : 10");
    SweepPlan changed = plan("""
        {"name": "again", "base": {"model": {"type": "gan"}}, "set": {"training.steps": 20}, "seeds": [1]}
        """);
    assertThatThrownBy(() -> SweepDirectory.prepare(runs, changed, gen4j.configLoader()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(runs.resolve("again/s1") + ": its config.json differs from what " + directory.resolve("s.json")
            + " makes of it now ($.training.steps: 10 here, 20 in the sweep); give the sweep another name or --runs "
            + "directory, or delete the run directory to start it over");
  }
}
