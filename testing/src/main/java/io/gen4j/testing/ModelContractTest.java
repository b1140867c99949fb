package io.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigSchema;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.inject.PluginDiscovery;
import io.gen4j.inject.PluginProblem;
import io.gen4j.inject.Plugins;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.Objective;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.Trainer;
import io.gen4j.train.CompiledObjective;
import io.gen4j.train.CompiledUpdate;
import io.gen4j.train.ImageInput;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.Sampler;
import io.gen4j.train.SessionObjectiveRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The contract every model plugin passes: extend it in the plugin's tests, name the provider and, to
 * keep it fast, a small config. It checks
 *
 * <ul>
 *   <li>the provider: built for this gen4j's plugin API, registered in its services file and loaded
 *       without problems, and (whatever {@link #config()} returns) a {@code defaultConfig()} with no null
 *       field;
 *   <li>the graph: samples of the dataset's shape in [0, 1], deterministic sampling, networks that share
 *       no variable, an optimizer for every network, an update that changes only its own network (other
 *       networks' weights and state, such as batch-norm statistics, stay as they were), and a
 *       declared {@link MetricKind} for every metric;
 *   <li>the trainer the model names: it accepts the graph and runs a step with finite metrics;
 *   <li>the config: the defaults and the small config round trip through JSON.
 * </ul>
 *
 * Published as {@code io.gen4j:gen4j-testing}, which brings JUnit 5 and AssertJ with it.
 *
 * @param <C> the model's config record
 */
public abstract class ModelContractTest<C extends ModelConfig> {

  /** The provider under test. */
  protected abstract ModelProvider<C> provider();

  /** A config small enough for quick tests; the defaults unless overridden. */
  protected C config() {
    return provider().defaultConfig();
  }

  /** The image shape to build for; MNIST's unless overridden. */
  protected ImageShape imageShape() {
    return ImageShape.MNIST;
  }

  /** Classes of the test data's labels, fed to a model that uses labels; 10 (as MNIST) unless overridden. */
  protected int classCount() {
    return 10;
  }

  /** Batch size of the test graph. */
  protected int batchSize() {
    return 8;
  }

  private ModelAssembly assemble() {
    GenerativeModel model = provider().create(config());
    return ModelAssembly.build(model, imageShape(), model.usesLabels() ? classCount() : 0, batchSize(), 7,
        provider().defaultOptimizers(config()), ImageInput.FED);
  }

  @Test
  void samplesHaveTheDatasetsShapeAndUnitRange() {
    GenerativeModel model = provider().create(config());
    try (ModelAssembly assembly = assemble(); Session session = new Session(assembly.graph())) {
      session.initialize();
      Sampler sampler = new Sampler(session, assembly, imageShape(), model.pixelRange());
      ImageBatch images = sampler.decode(Sampler.gaussianLatents(1, 3, sampler.latentSize()), 3);
      assertThat(images.count()).isEqualTo(3);
      assertThat(images.shape()).isEqualTo(imageShape());
      assertThat(FloatArrays.min(images.toArray())).isGreaterThanOrEqualTo(0f);
      assertThat(FloatArrays.max(images.toArray())).isLessThanOrEqualTo(1f);
      assertThat(assembly.modelGraph().samples().shape().size(1)).isEqualTo(imageShape().height());
      assertThat(assembly.modelGraph().samples().shape().size(3)).isEqualTo(imageShape().channels());
    }
  }

  @Test
  void samplingIsDeterministicForAFixedLatentBatch() {
    GenerativeModel model = provider().create(config());
    try (ModelAssembly assembly = assemble(); Session session = new Session(assembly.graph())) {
      session.initialize();
      Sampler sampler = new Sampler(session, assembly, imageShape(), model.pixelRange());
      float[] latents = Sampler.gaussianLatents(3, 4, sampler.latentSize());
      assertThat(sampler.decode(latents, 4).toArray()).containsExactly(sampler.decode(latents, 4).toArray());
    }
  }

  @Test
  void providerIsBuiltForThisPluginApi() {
    assertThat(SpiVersion.incompatibility(provider().spiVersion())).as("spiVersion() of %s", provider().getClass().getName())
        .isEmpty();
  }

  @Test
  void providerIsRegisteredAndLoadsWithoutProblems() {
    Plugins plugins = PluginDiscovery.discover(classLoader());
    assertThat(plugins.problems()).extracting(PluginProblem::message).isEmpty();
    assertThat(plugins.models()).as("model types found through META-INF/services/%s", ModelProvider.class.getName())
        .containsKey(provider().name());
    assertThat(plugins.models().get(provider().name()).provider()).isInstanceOf(provider().getClass());
  }

  @Test
  void defaultConfigHasNoNullField() {
    PluginDiscovery.nullFields(provider().defaultConfig()).ifPresent(field -> fail(
        provider().name() + "'s defaultConfig() leaves field '" + field + "' null: give every field a default"
            + " (Optional.empty() for an optional one), or a config that omits it fails mid-run"));
  }

  @Test
  void everyMetricHasADeclaredKind() {
    try (ModelAssembly assembly = assemble()) {
      for (CompiledObjective compiled : assembly.objectives().values()) {
        Set<String> fetched = new HashSet<>();
        compiled.updates().forEach(update -> fetched.addAll(update.metricNames()));
        assertThat(compiled.metricKinds().keySet())
            .as("metrics of objective %s with a declared MetricKind (Objective.withMetric(name, value, kind))",
                compiled.objective().name())
            .containsExactlyInAnyOrderElementsOf(fetched);
      }
    }
  }

  @Test
  void theModelsTrainerRunsAStepWithFiniteMetrics() {
    GenerativeModel model = provider().create(config());
    Gen4j gen4j = Gen4j.create(classLoader());
    try (ModelAssembly assembly = ModelAssembly.build(model, imageShape(), model.usesLabels() ? classCount() : 0,
            batchSize(), 7, provider().defaultOptimizers(config()), ImageInput.SYNTHETIC);
        Session session = new Session(assembly.graph())) {
      session.initialize();
      Trainer trainer = gen4j.catalog().trainerFor(model).create(assembly.modelGraph(), model.trainerSettings());
      SessionObjectiveRunner runner = SessionObjectiveRunner.withoutData(session, assembly, imageShape(), batchSize(), 7);
      runner.startIteration(0);
      Map<String, Float> metrics = trainer.iteration(runner);
      assertThat(metrics).isNotEmpty();
      assertThat(metrics).allSatisfy((name, value) -> assertThat(Float.isFinite(value)).as(name).isTrue());
      assertThat(trainer.batchesPerIteration()).isEqualTo((int) runner.batchesConsumed());
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ModelContractTest.class.getClassLoader();
  }

  @Test
  void networksAreDisjointAndEachHasVariables() {
    try (ModelAssembly assembly = assemble()) {
      Map<String, Set<String>> byNetwork = new LinkedHashMap<>();
      for (Objective objective : assembly.modelGraph().objectives()) {
        byNetwork.computeIfAbsent(objective.network().name(), name -> new HashSet<>())
            .addAll(objective.network().variableNames());
      }
      assertThat(byNetwork).isNotEmpty();
      Set<String> seen = new HashSet<>();
      byNetwork.forEach((name, variables) -> {
        assertThat(variables).as("variables of network %s", name).isNotEmpty();
        for (String variable : variables) {
          assertThat(seen.add(variable)).as("%s is in two networks", variable).isTrue();
        }
      });
    }
  }

  @Test
  void everyObjectiveHasAnOptimizerByDefault() {
    Map<String, OptimizerConfig> optimizers = provider().defaultOptimizers(config());
    try (ModelAssembly assembly = assemble()) {
      for (Objective objective : assembly.modelGraph().objectives()) {
        assertThat(optimizers).containsKey(objective.network().name());
      }
    }
  }

  @Test
  void anUpdateChangesOnlyItsOwnNetworkAndGivesFiniteMetrics() {
    try (ModelAssembly assembly = assemble(); Session session = new Session(assembly.graph())) {
      session.initialize();
      Set<String> networks = new HashSet<>();
      assembly.modelGraph().objectives().forEach(objective -> networks.add(objective.network().name()));
      List<Variable<TFloat32>> variables = variablesOf(assembly, networks);
      long counter = 0;
      for (CompiledObjective compiled : assembly.objectives().values()) {
        // An objective with a lazy term has two update ops (with the term and without); both are checked.
        for (CompiledUpdate update : compiled.updates()) {
          String name = compiled.objective().name() + (update == compiled.update() ? "" : " (with its lazy term)");
          Map<String, float[]> before = values(session, variables);
          Map<String, Float> metrics = update(session, assembly, compiled, update, counter++);
          Map<String, float[]> after = values(session, variables);
          assertThat(metrics.values()).as("metrics of %s", name)
              .allSatisfy(value -> assertThat(Float.isFinite(value)).isTrue());
          String ownNetwork = compiled.objective().network().name();
          Set<String> own = new HashSet<>(compiled.objective().network().variableNames());
          boolean ownChanged = false;
          for (String variable : before.keySet()) {
            boolean changed = !java.util.Arrays.equals(before.get(variable), after.get(variable));
            if (own.contains(variable)) {
              ownChanged |= changed;
            } else if (!networkOf(variable).equals(ownNetwork)) {
              // Another network's weights or state (batch-norm statistics, spectral-norm vectors): untouched.
              assertThat(changed).as("%s update changed %s", name, variable).isFalse();
            }
          }
          assertThat(ownChanged).as("%s update changed its own network", name).isTrue();
        }
      }
    }
  }

  /** Every variable of the graph that belongs to one of these networks, trainable or state. */
  @SuppressWarnings("unchecked")
  private static List<Variable<TFloat32>> variablesOf(ModelAssembly assembly, Set<String> networks) {
    List<Variable<TFloat32>> variables = new ArrayList<>();
    assembly.graph().operations().forEachRemaining(operation -> {
      if (operation.type().equals("VariableV2") && networks.contains(networkOf(operation.name()))) {
        variables.add(new Variable<>(operation));
      }
    });
    return variables;
  }

  /** The network a variable's name belongs to: {@code <network>.<local name>}. */
  private static String networkOf(String variableName) {
    int dot = variableName.indexOf('.');
    return dot < 0 ? "" : variableName.substring(0, dot);
  }

  @Test
  void defaultConfigRoundTripsThroughJson() {
    ConfigLoader loader = new ConfigLoader(Map.of(provider().name(), provider()));
    ExperimentConfig minimal = loader.parse("{\"model\": {\"type\": \"" + provider().name() + "\"}}", "minimal.json");
    assertThat(minimal.model()).isEqualTo(provider().defaultConfig());
    assertThat(minimal.training().optimizers()).isEqualTo(provider().defaultOptimizers(provider().defaultConfig()));
    ExperimentConfig reread = loader.parse(loader.toJson(minimal), "resolved.json");
    assertThat(reread).isEqualTo(minimal);
  }

  @Test
  void smallConfigRoundTripsThroughJson() {
    ConfigLoader loader = new ConfigLoader(Map.of(provider().name(), provider()));
    ExperimentConfig minimal = loader.parse("{\"model\": {\"type\": \"" + provider().name() + "\"}}", "minimal.json");
    ExperimentConfig small = new ExperimentConfig(minimal.name(), minimal.seed(), minimal.modelType(), config(),
        minimal.data(), minimal.training().withOptimizers(provider().defaultOptimizers(config())), minimal.output());
    assertThat(loader.parse(loader.toJson(small), "small.json")).isEqualTo(small);
  }

  /**
   * The config schema ({@code gen4j config schema}) describes every field of the model's config with a
   * description and this provider's default, and every range it states is one the config record's
   * constructor enforces: annotate the record's components with {@code @JsonPropertyDescription} and the
   * Jakarta constraints ({@code @Min}, {@code @DecimalMin}, ...) that match its checks.
   */
  @Test
  void configSchemaDescribesEveryFieldAndStatesOnlyEnforcedRanges() {
    ConfigLoader loader = new ConfigLoader(Map.of(provider().name(), provider()));
    ObjectNode schema = ConfigSchema.generate(loader);
    JsonNode definition = schema.at("/$defs/model." + provider().name());
    assertThat(definition.isObject()).as("the schema's definition of model type %s", provider().name()).isTrue();
    assertThat(ConfigSchemaChecks.undocumented("model." + provider().name(), definition)).isEmpty();
    assertThat(provider().defaultConfig()).as("a model config is a record").isInstanceOf(Record.class);
    ConfigSchemaChecks.assertRangesEnforced((Record) provider().defaultConfig(), definition);
  }

  private Map<String, Float> update(
      Session session, ModelAssembly assembly, CompiledObjective compiled, CompiledUpdate update, long counter) {
    Random random = new Random(counter);
    float[] images = new float[batchSize() * imageShape().size()];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat() * 2 - 1;
    }
    Shape shape = Shape.of(batchSize(), imageShape().height(), imageShape().width(), imageShape().channels());
    int[] labels = new int[batchSize()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(classCount());
    }
    try (TFloat32 real = TFloat32.tensorOf(shape, DataBuffers.of(images, true, false));
        TInt32 realLabels = TInt32.vectorOf(labels);
        TInt64 key = TInt64.vectorOf(7, counter);
        TInt64 step = TInt64.scalarOf(counter)) {
      Session.Runner runner = session.runner()
          .feed(assembly.noiseKey(), key)
          .feed(assembly.step(), step)
          .addTarget(update.op());
      if (compiled.objective().consumesData()) {
        runner.feed(assembly.realImages(), real);
        assembly.realLabels().ifPresent(placeholder -> runner.feed(placeholder, realLabels));
      }
      update.metricValues().forEach(runner::fetch);
      try (Result result = runner.run()) {
        Map<String, Float> metrics = new LinkedHashMap<>();
        for (int i = 0; i < update.metricNames().size(); i++) {
          metrics.put(update.metricNames().get(i), ((TFloat32) result.get(i)).getFloat());
        }
        return metrics;
      }
    }
  }

  private static Map<String, float[]> values(Session session, List<Variable<TFloat32>> variables) {
    Map<String, float[]> values = new LinkedHashMap<>();
    Session.Runner runner = session.runner();
    variables.forEach(runner::fetch);
    try (Result result = runner.run()) {
      for (int i = 0; i < variables.size(); i++) {
        TFloat32 tensor = (TFloat32) result.get(i);
        float[] copy = new float[(int) tensor.size()];
        tensor.copyTo(DataBuffers.of(copy, false, false));
        values.put(variables.get(i).op().name(), copy);
      }
    }
    return values;
  }
}
