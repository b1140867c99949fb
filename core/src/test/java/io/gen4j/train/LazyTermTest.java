package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.config.ConfigException;
import io.gen4j.config.MetricMode;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerSettings;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Lazy regularization ({@link Objective#withLazyTerm}): the term's gradient is applied on exactly the
 * objective's updates 0, k, 2k, ... counted over the run, by the objective's one optimizer, and its
 * metrics come with those updates only. The weights are checked against Adam done by hand in Java.
 */
class LazyTermTest {

  private static final String OBJECTIVE = "quadratic";
  private static final ImageShape SHAPE = new ImageShape(2, 2, 1);
  private static final int BATCH = 2;
  private static final float[] START = {0.5f, -0.25f, 1f};
  private static final float[] TARGET = {2f, -1f, 0.5f};
  /** The term is {@code WEIGHT * interval * sum(exp(w))}: the caller scales it by the interval. */
  private static final float WEIGHT = 0.2f;
  private static final OptimizerConfig.Adam ADAM = new OptimizerConfig.Adam(0.05f, 0.5f, 0.9f, 1e-7f);
  /** TensorFlow's float32 Adam against the same arithmetic in double. */
  private static final double TOLERANCE = 1e-6;

  /** How the toy model carries its term. */
  private enum TermMode {
    /** As a lazy term of the objective. */
    LAZY,
    /** Added to the loss by the model itself. */
    IN_LOSS
  }

  /**
   * One network with one variable {@code w} of 3 values; the objective minimizes {@code 0.5 *
   * |w - TARGET|^2}, its term is {@code WEIGHT * interval * sum(exp(w))} (whose metric {@code term} is
   * fetched with the regularized updates; exp's gradient reads exp's output, so the value is that of the
   * weights before the update whatever the order the ops run in).
   */
  private static final class QuadraticModel implements GenerativeModel {
    private final int interval;
    private final int updatesPerStep;
    private final TermMode mode;
    private final List<Op> sideUpdates = new ArrayList<>();
    private final List<Op> afterUpdates = new ArrayList<>();

    QuadraticModel(int interval, int updatesPerStep, TermMode mode) {
      this.interval = interval;
      this.updatesPerStep = updatesPerStep;
      this.mode = mode;
    }

    @Override
    public PixelRange pixelRange() {
      return PixelRange.SYMMETRIC;
    }

    @Override
    public TrainerSettings trainerSettings() {
      return TrainerSettings.updates(OBJECTIVE, updatesPerStep);
    }

    @Override
    public ModelGraph build(GraphContext context) {
      Ops tf = context.tf();
      NetworkBuilder net = context.network("net");
      Variable<TFloat32> weights = net.variable("w", () -> tf.constant(START));
      Variable<TFloat32> updates = net.stateVariable("updates", () -> tf.constant(0f));
      Variable<TFloat32> copied = net.stateVariable("copied", () -> tf.constant(0f));
      Operand<TFloat32> loss = tf.math.mul(tf.constant(0.5f),
          tf.sum(tf.math.square(tf.math.sub(weights, tf.constant(TARGET))), tf.constant(0)));
      Operand<TFloat32> term = tf.math.mul(tf.constant(WEIGHT * interval),
          tf.sum(tf.math.exp(weights), tf.constant(0)));
      Operand<TFloat32> minimized = mode == TermMode.IN_LOSS ? tf.math.add(loss, term) : loss;
      Objective objective = Objective.of(OBJECTIVE, net.network(), minimized, false);
      if (mode == TermMode.LAZY) {
        objective = objective.withLazyTerm(interval, term, Map.of("term", new Metric(term, MetricKind.OTHER)));
      }
      // A side update that counts updates, and a post-update that copies the count: it must see the side update.
      sideUpdates.add(tf.assignAdd(updates, tf.constant(1f)));
      objective = objective.withSideUpdates(sideUpdates).withAfterUpdate((after, network) -> {
        Op copy = after.assign(copied, updates);
        afterUpdates.add(copy);
        return List.of(copy);
      });
      Placeholder<TFloat32> latent = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      return new ModelGraph(List.of(objective), latent, latent);
    }
  }

  /** The weights after training and each step's metrics. */
  private record Trained(float[] weights, List<Map<String, Float>> steps) {}

  private static ModelAssembly assemble(GenerativeModel model, OptimizerConfig optimizer) {
    return ModelAssembly.build(model, SHAPE, 0, BATCH, 5, Map.of("net", optimizer), ImageInput.SYNTHETIC);
  }

  private static Trained train(int interval, int updatesPerStep, TermMode mode, long firstStep, long steps) {
    QuadraticModel model = new QuadraticModel(interval, updatesPerStep, mode);
    try (ModelAssembly assembly = assemble(model, ADAM);
        Session session = new Session(assembly.graph());
        SessionObjectiveRunner runner = SessionObjectiveRunner.withoutData(session, assembly, SHAPE, BATCH, 5)) {
      session.initialize();
      Trainer trainer = new SequentialTrainerProvider().create(assembly.modelGraph(), model.trainerSettings());
      List<Map<String, Float>> metrics = new ArrayList<>();
      for (long step = firstStep; step < firstStep + steps; step++) {
        runner.startIteration(step);
        metrics.add(trainer.iteration(runner));
      }
      return new Trained(weights(session, assembly), metrics);
    }
  }

  private static float[] weights(Session session, ModelAssembly assembly) {
    Variable<TFloat32> weights = assembly.objective(OBJECTIVE).objective().network().variables().get(0);
    try (Result result = session.runner().fetch(weights).run()) {
      float[] values = new float[START.length];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  /** Adam by hand (TensorFlow's ApplyAdam), with the term's gradient on the updates {@code regularized} picks. */
  private static Trained expected(int interval, int updatesPerStep, long steps, LongPredicate regularized) {
    double[] w = new double[START.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = START[i];
    }
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    double beta1Power = ADAM.beta1();
    double beta2Power = ADAM.beta2();
    double weight = (double) WEIGHT * interval;
    List<Map<String, Float>> metrics = new ArrayList<>();
    for (long step = 0; step < steps; step++) {
      List<Double> terms = new ArrayList<>();
      for (int index = 0; index < updatesPerStep; index++) {
        boolean withTerm = regularized.test(step * updatesPerStep + index);
        double term = 0;
        double[] gradient = new double[w.length];
        for (int i = 0; i < w.length; i++) {
          gradient[i] = w[i] - TARGET[i] + (withTerm ? weight * Math.exp(w[i]) : 0);
          term += weight * Math.exp(w[i]);
        }
        if (withTerm) {
          terms.add(term);
        }
        double rate = ADAM.learningRate() * Math.sqrt(1 - beta2Power) / (1 - beta1Power);
        for (int i = 0; i < w.length; i++) {
          m[i] += (gradient[i] - m[i]) * (1 - ADAM.beta1());
          v[i] += (gradient[i] * gradient[i] - v[i]) * (1 - ADAM.beta2());
          w[i] -= m[i] * rate / (Math.sqrt(v[i]) + ADAM.epsilon());
        }
        beta1Power *= ADAM.beta1();
        beta2Power *= ADAM.beta2();
      }
      Map<String, Float> stepMetrics = new HashMap<>();
      if (!terms.isEmpty()) {
        stepMetrics.put("term", (float) terms.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
      }
      metrics.add(stepMetrics);
    }
    float[] weights = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      weights[i] = (float) w[i];
    }
    return new Trained(weights, metrics);
  }

  private static double distance(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** The weights and the term's metric of every step match Adam with the term on updates 0, k, 2k, ... only. */
  private static void assertRegularizedOnMultiplesOfTheInterval(int interval, int updatesPerStep, long steps) {
    Trained trained = train(interval, updatesPerStep, TermMode.LAZY, 0, steps);
    Trained expected = expected(interval, updatesPerStep, steps, update -> update % interval == 0);

    assertThat(distance(trained.weights(), expected.weights())).isLessThan(TOLERANCE);
    // The expectation tells the schedules apart: the term on other updates, on all, or on none ends elsewhere.
    for (LongPredicate other : List.<LongPredicate>of(
        update -> update % interval == 1, update -> true, update -> false)) {
      assertThat(distance(expected(interval, updatesPerStep, steps, other).weights(), expected.weights()))
          .isGreaterThan(1000 * TOLERANCE);
    }
    for (int step = 0; step < steps; step++) {
      Map<String, Float> metrics = trained.steps().get(step);
      Float term = expected.steps().get(step).get("term");
      if (term == null) {
        assertThat(metrics).as("step %d computed no term", step).doesNotContainKey("term");
      } else {
        assertThat(metrics.get("term")).as("the term of step %d", step).isCloseTo(term, within(1e-5f * term));
      }
      assertThat(metrics).containsKeys("net_grad_norm", OBJECTIVE + "_loss");
    }
  }

  @Test
  void theTermIsAppliedOnUpdates036AndNoOthersWithTwoUpdatesPerStep() {
    // Updates 2s and 2s + 1 of step s: steps 0, 1, 3, 4 each have one regularized update, steps 2 and 5 none.
    assertRegularizedOnMultiplesOfTheInterval(3, 2, 6);
    assertThat(train(3, 2, TermMode.LAZY, 0, 6).steps()).extracting(metrics -> metrics.containsKey("term"))
        .containsExactly(true, true, false, true, true, false);
  }

  @Test
  void aStepWithTwoRegularizedUpdatesAveragesTheTermOverThoseTwo() {
    // Four updates per step: step 0 regularizes updates 0 and 3, step 1 update 6, step 3 updates 12 and 15.
    assertRegularizedOnMultiplesOfTheInterval(3, 4, 4);
  }

  @Test
  void intervalOneIsTheTermAddedToTheLoss() {
    Trained lazy = train(1, 2, TermMode.LAZY, 0, 5);
    Trained inLoss = train(1, 2, TermMode.IN_LOSS, 0, 5);
    assertThat(lazy.weights()).containsExactly(inLoss.weights());
    assertThat(distance(lazy.weights(), expected(1, 2, 5, update -> true).weights())).isLessThan(TOLERANCE);
    assertThat(lazy.steps()).allSatisfy(metrics -> assertThat(metrics).containsKey("term"));
  }

  @Test
  void theChoiceDependsOnTheStepAloneSoAResumedRunnerChoosesAlike() {
    // A runner that starts at step 3 (update 6) regularizes update 6 and 9: steps 3 and 4 of 3 .. 4.
    Trained fromStepThree = train(3, 2, TermMode.LAZY, 3, 2);
    assertThat(fromStepThree.steps()).extracting(metrics -> metrics.containsKey("term")).containsExactly(true, true);
    Trained fromStepTwo = train(3, 2, TermMode.LAZY, 2, 1);
    assertThat(fromStepTwo.steps()).extracting(metrics -> metrics.containsKey("term")).containsExactly(false);
  }

  @Test
  void bothUpdatesShareOneSetOfOptimizerSlots() {
    for (OptimizerConfig optimizer : List.of(ADAM, new OptimizerConfig.RmsProp(0.01f, 0.9f, 0.5f, 1e-7f))) {
      try (ModelAssembly assembly = assemble(new QuadraticModel(3, 2, TermMode.LAZY), optimizer)) {
        List<String> variables = new ArrayList<>();
        Iterator<GraphOperation> operations = assembly.graph().operations();
        while (operations.hasNext()) {
          GraphOperation operation = operations.next();
          if (operation.type().equals("VariableV2")) {
            variables.add(operation.name());
          }
        }
        List<String> expected = optimizer instanceof OptimizerConfig.Adam
            ? List.of("net.w", "net.updates", "net.copied", "net.w-m", "net.w-v", OBJECTIVE + "_optimizer.beta1_power",
                OBJECTIVE + "_optimizer.beta2_power")
            : List.of("net.w", "net.updates", "net.copied", "net.w-ms", "net.w-mom");
        assertThat(variables).as("variables with %s", optimizer).containsExactlyInAnyOrderElementsOf(expected);
        CompiledObjective compiled = assembly.objective(OBJECTIVE);
        assertThat(compiled.updates()).extracting(update -> update.op().op().name())
            .containsExactly(OBJECTIVE + "_update", OBJECTIVE + "_regularized_update");
        assertThat(compiled.update().metricNames()).containsExactly(OBJECTIVE + "_loss", "net_grad_norm");
        assertThat(compiled.regularizedUpdate().orElseThrow().metricNames())
            .containsExactly(OBJECTIVE + "_loss", "term", "net_grad_norm");
        assertThat(compiled.metricKinds()).containsEntry("term", MetricKind.OTHER);
        assertThat(assembly.lazyMetricNames()).containsExactly("term");
      }
    }
  }

  @Test
  void intervalOneBuildsOneUpdateWhoseMetricsIncludeTheTerms() {
    try (ModelAssembly assembly = assemble(new QuadraticModel(1, 2, TermMode.LAZY), ADAM)) {
      CompiledObjective compiled = assembly.objective(OBJECTIVE);
      assertThat(compiled.regularizedUpdate()).isEmpty();
      assertThat(compiled.update().metricNames()).containsExactly(OBJECTIVE + "_loss", "term", "net_grad_norm");
      assertThat(assembly.lazyMetricNames()).isEmpty();
    }
  }

  @Test
  void eachPostUpdateWaitsForItsOptimizerStepAndTheSideUpdates() {
    QuadraticModel model = new QuadraticModel(3, 2, TermMode.LAZY);
    try (ModelAssembly assembly = assemble(model, ADAM);
        Session session = new Session(assembly.graph());
        SessionObjectiveRunner runner = SessionObjectiveRunner.withoutData(session, assembly, SHAPE, BATCH, 5)) {
      assertThat(model.afterUpdates).hasSize(2);
      List<String> applies = new ArrayList<>();
      for (Op after : model.afterUpdates) {
        Set<GraphOperation> controls = ((GraphOperation) after.op()).controlInputs();
        assertThat(controls).contains((GraphOperation) model.sideUpdates.get(0).op());
        controls.stream().map(GraphOperation::name).filter(name -> name.startsWith(OBJECTIVE + "_optimizer"))
            .forEach(applies::add);
      }
      assertThat(applies).containsExactlyInAnyOrder(OBJECTIVE + "_optimizer", OBJECTIVE + "_optimizer_regularized");

      session.initialize();
      runner.startIteration(0);
      runner.update(OBJECTIVE);
      runner.update(OBJECTIVE);
      try (Result result = session.runner().fetch("net.updates").fetch("net.copied").run()) {
        assertThat(((TFloat32) result.get(0)).getFloat()).isEqualTo(2f);
        assertThat(((TFloat32) result.get(1)).getFloat()).as("the count the post-update copied").isEqualTo(2f);
      }
    }
  }

  @Test
  void aTrainerThatRunsMoreUpdatesThanItsSettingsSayIsRefused() {
    try (ModelAssembly assembly = assemble(new QuadraticModel(3, 2, TermMode.LAZY), ADAM);
        Session session = new Session(assembly.graph());
        SessionObjectiveRunner runner = SessionObjectiveRunner.withoutData(session, assembly, SHAPE, BATCH, 5)) {
      session.initialize();
      runner.startIteration(4);
      runner.update(OBJECTIVE);
      runner.update(OBJECTIVE);
      assertThatThrownBy(() -> runner.update(OBJECTIVE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("objective 'quadratic' has a lazy term and 2 updates per step by the model's trainer settings,"
              + " but step 4 ran update 3 of it; a trainer must update such an objective exactly as often per step as"
              + " the settings say");
    }
  }

  @Test
  void aWatchedLazyMetricMissingFromAnIntervalIsAwaitedNotAnError() {
    MetricMonitor monitor = new MetricMonitor("training.earlyStopping", "term", MetricMode.MIN, 0);
    monitor.loggedOccasionally(Set.of("term"));
    assertThat(monitor.logged(5, Map.of("net_grad_norm", 1.0))).isEqualTo(MetricMonitor.Outcome.ABSENT);
    assertThat(monitor.sinceImprovement()).isZero();
    assertThat(monitor.logged(10, Map.of("term", 2.0))).isEqualTo(MetricMonitor.Outcome.IMPROVED);
    assertThat(monitor.logged(15, Map.of("net_grad_norm", 1.0))).isEqualTo(MetricMonitor.Outcome.ABSENT);
    assertThat(monitor.sinceImprovement()).as("an interval without the metric does not use up patience").isZero();

    MetricMonitor unknown = new MetricMonitor("training.earlyStopping", "terms", MetricMode.MIN, 0);
    unknown.loggedOccasionally(Set.of("term"));
    assertThatThrownBy(() -> unknown.logged(5, Map.of("net_grad_norm", 1.0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("training.earlyStopping.metric: 'terms' is not a metric of this run; it logs net_grad_norm, term");
  }
}
