package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.NonFiniteLossPolicy;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.ImageDataset;
import io.gen4j.graph.Sessions;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.EvaluationCompleted;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.Trainer;
import io.gen4j.spi.TrainerProvider;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tensorflow.Session;

/**
 * The generic loop every model trains with: build the graph once, then per step let the trainer run
 * its updates, and at the configured intervals log metrics, draw samples from the fixed noise batch,
 * score the held-out split (for models with an {@link io.gen4j.spi.Evaluation}) and checkpoint. Resuming from a checkpoint restores the variables (optimizer state included), the step
 * and the data position, so the run continues exactly as an uninterrupted one would. A NaN or infinite
 * metric stops the run, or rolls it back to the last checkpoint with halved learning rates (rebuilding
 * the graph, since the optimizers hold their rates as constants).
 */
public final class TrainingLoop {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingLoop.class);

  /** Number of images in the fixed-noise sample grid (8x8). */
  public static final int GRID_SIZE = 64;

  /** The kind of the warning that says training stopped early. */
  public static final String EARLY_STOPPING = "early-stopping";

  private final ExperimentConfig config;
  private final GenerativeModel model;
  private final TrainerProvider trainerProvider;
  private final ImageDataset dataset;
  private final ImageDataset test;
  private final int classCount;
  private final RunDirectory run;
  private final List<TrainingListener> listeners;
  private final Checkpointer checkpointer;
  private final Optional<MetricMonitor> earlyStopping;
  private final Optional<BestCheckpoint> bestCheckpoint;

  public TrainingLoop(
      ExperimentConfig config,
      GenerativeModel model,
      TrainerProvider trainerProvider,
      ImageDataset dataset,
      ImageDataset test,
      int classCount,
      RunDirectory run,
      List<TrainingListener> listeners) {
    this.config = requireNonNull(config, "config is null");
    this.model = requireNonNull(model, "model is null");
    this.trainerProvider = requireNonNull(trainerProvider, "trainerProvider is null");
    this.dataset = requireNonNull(dataset, "dataset is null");
    this.test = requireNonNull(test, "test is null");
    if (classCount < 0) {
      throw new IllegalArgumentException("classCount must not be negative, got " + classCount);
    }
    this.classCount = classCount;
    this.run = requireNonNull(run, "run is null");
    this.listeners = List.copyOf(listeners);
    this.checkpointer = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints());
    this.earlyStopping = Optional.ofNullable(config.training().earlyStopping()).map(stopping -> new MetricMonitor(
        "training.earlyStopping", stopping.metric(), stopping.mode(), stopping.minDelta()));
    this.bestCheckpoint = Optional.ofNullable(config.training().bestCheckpoint())
        .map(best -> new BestCheckpoint(best, run.checkpointsDirectory()));
  }

  /**
   * Trains to the configured length.
   *
   * @param resumeFrom the checkpoint to continue from, or empty to start anew
   */
  public TrainingResult run(Optional<Checkpoint> resumeFrom) {
    return run(resumeFrom, List.of());
  }

  /**
   * Trains to the configured length.
   *
   * @param resumeFrom the checkpoint to continue from, or empty to start anew
   * @param startWarnings told to the listeners once training has started, e.g. checkpoints skipped as damaged
   */
  public TrainingResult run(Optional<Checkpoint> resumeFrom, List<TrainingWarning> startWarnings) {
    long startNanos = System.nanoTime();
    Optional<Checkpoint> start = resumeFrom;
    TrainingState state = resumeFrom.map(Checkpoint::state).orElse(TrainingState.START);
    List<TrainingWarning> pending = List.copyOf(startWarnings);
    while (true) {
      try {
        return attempt(start, state, pending, startNanos);
      } catch (NonFiniteMetricException e) {
        Optional<Checkpoint> last = checkpointer.latest();
        boolean rollback = config.training().onNonFiniteLoss() == NonFiniteLossPolicy.ROLLBACK
            && state.rollbacks() < NonFiniteLossPolicy.MAX_ROLLBACKS
            && last.isPresent();
        if (!rollback) {
          TrainingException stop = new TrainingException(e.getMessage() + "; training stopped"
              + (state.rollbacks() > 0 ? " after " + state.rollbacks() + " rollbacks" : "") + ", "
              + last.map(checkpoint -> "the last good checkpoint is " + checkpoint.directory())
                  .orElse("no checkpoint had been written yet"));
          TrainingFailed failed = new TrainingFailed(e.step(), stop);
          listeners.forEach(listener -> listener.onFailure(failed));
          throw stop;
        }
        Checkpoint checkpoint = last.get();
        state = new TrainingState(checkpoint.state().step(), checkpoint.state().batchesConsumed(),
            state.learningRateScale() / 2, state.rollbacks() + 1);
        start = Optional.of(checkpoint);
        pending = List.of(new TrainingWarning(e.step(), "rollback", e.problem() + "; rolled back to step "
            + checkpoint.state().step() + " with learning rates scaled by " + state.learningRateScale()));
      }
    }
  }

  private TrainingResult attempt(
      Optional<Checkpoint> start, TrainingState state, List<TrainingWarning> pending, long startNanos) {
    int batchSize = config.data().batchSize();
    long seed = config.seed();
    try (ModelAssembly assembly = beforeStart(state.step(), () -> ModelAssembly.build(
            model, dataset.shape(), classCount, batchSize, seed,
            scaled(config.training().optimizers(), state.learningRateScale()), config.training().schedules(),
            graph -> totalSteps(trainerProvider.create(graph, model.trainerSettings())), ImageInput.FED));
        Session session = Sessions.open(assembly.graph(), config.training())) {
      Trainer trainer =
          beforeStart(state.step(), () -> trainerProvider.create(assembly.modelGraph(), model.trainerSettings()));
      long totalSteps = totalSteps(trainer);
      if (state.step() > totalSteps) {
        throw new CheckpointException(start.map(Checkpoint::directory).map(Object::toString).orElse("state")
            + ": step " + state.step() + " is beyond the run's " + totalSteps + " steps");
      }
      if (start.isPresent()) {
        Checkpointer.restore(session, assembly.graph(), start.get());
      } else {
        session.initialize();
      }
      Sampler sampler = new Sampler(session, assembly, dataset.shape(), model.pixelRange());
      Optional<HeldOut> heldOut = assembly.modelGraph().evaluation().map(evaluation -> new HeldOut(
          new HeldOutEvaluator(session, assembly, evaluation, model.pixelRange(), seed), test));
      earlyStopping.ifPresent(monitor -> monitor.requireSource(heldOut.isPresent()));
      bestCheckpoint.ifPresent(best -> best.monitor().requireSource(heldOut.isPresent()));
      earlyStopping.ifPresent(monitor -> monitor.loggedOccasionally(assembly.lazyMetricNames()));
      bestCheckpoint.ifPresent(best -> best.monitor().loggedOccasionally(assembly.lazyMetricNames()));
      try (BatchPrefetcher batches =
              new BatchPrefetcher(dataset, batchSize, seed, model.pixelRange(), state.batchesConsumed());
          SessionObjectiveRunner runner = new SessionObjectiveRunner(
              session, assembly, batches, dataset.shape(), batchSize, seed, state.batchesConsumed())) {
        TrainingStarted started =
            new TrainingStarted(run.path(), config.modelType(), state.step(), totalSteps, batchSize, assembly.metricKinds());
        listeners.forEach(listener -> listener.onStart(started));
        pending.forEach(this::warn);
        return loop(session, trainer, runner, sampler, heldOut, state, totalSteps, startNanos);
      }
    }
  }

  /**
   * Sets up an attempt (builds the graph, makes the trainer); a failure there is the run's failure too,
   * so listeners record it (the report marks the run failed) before it is thrown.
   */
  private <T> T beforeStart(long step, Supplier<T> setup) {
    try {
      return setup.get();
    } catch (RuntimeException e) {
      TrainingFailed failed = new TrainingFailed(step, e);
      listeners.forEach(listener -> listener.onFailure(failed));
      throw e;
    }
  }

  private TrainingResult loop(
      Session session,
      Trainer trainer,
      SessionObjectiveRunner runner,
      Sampler sampler,
      Optional<HeldOut> heldOut,
      TrainingState state,
      long totalSteps,
      long startNanos) {
    float[] fixedNoise = Sampler.gaussianLatents(config.seed(), GRID_SIZE, sampler.latentSize());
    RunDiagnostics diagnostics = new RunDiagnostics(realReference());
    MetricAverages averages = new MetricAverages();
    Map<String, Double> lastMetrics = Map.of();
    long intervalStart = System.nanoTime();
    long intervalBatches = runner.batchesConsumed();
    long batchesPerEpoch = Math.max(1, dataset.count() / config.data().batchSize());
    long step = state.step();
    long evaluatedAt = -1;
    try {
      if (step == 0) {
        // the untrained generator's samples: the first frame of the report's animation
        publishSamples(sampler, fixedNoise, 0, false);
      }
      while (step < totalSteps) {
        runner.startIteration(step);
        Map<String, Float> metrics = trainer.iteration(runner);
        requireFinite(metrics, step + 1);
        averages.add(metrics);
        step++;
        boolean last = step == totalSteps;
        Watch watch = new Watch();
        if (step % config.training().logInterval() == 0 || last) {
          long now = System.nanoTime();
          double seconds = Math.max(1e-9, (now - intervalStart) / 1e9);
          double imagesPerSecond = (runner.batchesConsumed() - intervalBatches) * config.data().batchSize() / seconds;
          long epoch = Math.max(0, runner.batchesConsumed() - 1) / batchesPerEpoch;
          lastMetrics = averages.drain();
          StepCompleted event = new StepCompleted(step, totalSteps, epoch, lastMetrics, imagesPerSecond);
          listeners.forEach(listener -> listener.afterStep(event));
          diagnostics.afterInterval(step, lastMetrics).ifPresent(this::warn);
          watch.logged(step, lastMetrics);
          intervalStart = now;
          intervalBatches = runner.batchesConsumed();
        }
        if (step % config.training().evaluationInterval() == 0 && !last) {
          long evaluationStart = System.nanoTime();
          Optional<EvaluationCompleted> evaluation = publishEvaluation(heldOut, step);
          long scoredAt = step;
          evaluation.ifPresent(scores -> watch.evaluated(scoredAt, scores));
          evaluatedAt = evaluation.isPresent() ? step : evaluatedAt;
          intervalStart += System.nanoTime() - evaluationStart; // throughput counts training time only
        }
        boolean stopping = watch.stop && !last;
        if (step % config.training().sampleInterval() == 0 && !last && !stopping) {
          diagnostics.afterSamples(step, publishSamples(sampler, fixedNoise, step, false)).ifPresent(this::warn);
        }
        TrainingState reached =
            new TrainingState(step, runner.batchesConsumed(), state.learningRateScale(), state.rollbacks());
        if (watch.best) {
          bestCheckpoint.orElseThrow().save(session, reached);
        }
        if (step % config.training().checkpointInterval() == 0 || last || stopping) {
          long checkpointStep = step;
          checkpointer.spaceWarning(step)
              .ifPresent(message -> warnUnlessDiskFull(new TrainingWarning(checkpointStep, "low-disk-space", message)));
          Checkpoint checkpoint = checkpointer.save(session, reached);
          CheckpointSaved saved = new CheckpointSaved(step, checkpoint.directory());
          listeners.forEach(listener -> listener.onCheckpoint(saved));
        }
        if (stopping) {
          MetricMonitor monitor = earlyStopping.orElseThrow();
          warn(new TrainingWarning(step, EARLY_STOPPING, String.format(Locale.ROOT,
              "%s has not improved for %d %s (best %.4g at step %d); training stopped at step %d of %d",
              monitor.metric(), monitor.sinceImprovement(), monitor.watchesEvaluation() ? "evaluations" : "logged intervals",
              monitor.best().orElseThrow(), monitor.bestStep(), step, totalSteps)));
          break;
        }
      }
      if (state.step() < step || !java.nio.file.Files.exists(run.finalSamples())) {
        diagnostics.afterSamples(step, publishSamples(sampler, fixedNoise, step, true)).ifPresent(this::warn);
        if (evaluatedAt != step) {
          publishEvaluation(heldOut, step);
        }
      }
      Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
      TrainingEnded ended = new TrainingEnded(step, run.path(), lastMetrics, wallTime);
      listeners.forEach(listener -> listener.onEnd(ended));
      return new TrainingResult(run.path(), step, lastMetrics, wallTime);
    } catch (NonFiniteMetricException e) {
      throw e;
    } catch (RuntimeException e) {
      RuntimeException failure = e;
      if (Checkpointer.isDiskFull(e)) {
        run.releaseReserve(); // room to record the failure
        if (!(e instanceof TrainingException)) {
          failure = new TrainingException("no space left on device at step " + (step + 1) + " ("
              + CheckpointManifest.firstLine(e.getMessage()) + "); " + checkpointer.latest(skipped -> { })
                  .map(checkpoint -> "the last good checkpoint is step " + checkpoint.state().step())
                  .orElse("no checkpoint had been written yet"));
        }
      }
      TrainingFailed failed = new TrainingFailed(step + 1, failure);
      listeners.forEach(listener -> listener.onFailure(failed));
      throw failure;
    }
  }

  /** What the watched metrics said after one step: stop early, keep a new best checkpoint. */
  private final class Watch {
    private boolean stop;
    private boolean best;

    void logged(long step, Map<String, Double> metrics) {
      earlyStopping.ifPresent(monitor -> stop |= stops(monitor, monitor.logged(step, metrics)));
      bestCheckpoint.ifPresent(keeper -> best |= keeper.monitor().logged(step, metrics) == MetricMonitor.Outcome.IMPROVED);
    }

    void evaluated(long step, EvaluationCompleted scores) {
      earlyStopping.ifPresent(monitor ->
          stop |= stops(monitor, monitor.evaluated(step, scores.dataset(), scores.metrics())));
      bestCheckpoint.ifPresent(keeper -> best |=
          keeper.monitor().evaluated(step, scores.dataset(), scores.metrics()) == MetricMonitor.Outcome.IMPROVED);
    }

    private boolean stops(MetricMonitor monitor, MetricMonitor.Outcome outcome) {
      return outcome == MetricMonitor.Outcome.NOT_IMPROVED
          && monitor.sinceImprovement() >= config.training().earlyStopping().patience();
    }
  }

  private void warn(TrainingWarning warning) {
    listeners.forEach(listener -> listener.onWarning(warning));
  }

  /** A warning about disk space that cannot be recorded because the disk is full goes to the log only. */
  private void warnUnlessDiskFull(TrainingWarning warning) {
    try {
      warn(warning);
    } catch (RuntimeException e) {
      if (!Checkpointer.isDiskFull(e)) {
        throw e;
      }
      LOG.warn("step {}: {} (the disk is too full to record this warning)", warning.step(), warning.message());
    }
  }

  private ImageBatch realReference() {
    int count = Math.min(GRID_SIZE, dataset.count());
    int size = dataset.shape().size();
    float[] pixels = new float[count * size];
    byte[] bytes = new byte[size];
    for (int image = 0; image < count; image++) {
      dataset.readImage(image, bytes, 0);
      for (int i = 0; i < size; i++) {
        pixels[image * size + i] = (bytes[i] & 0xFF) / 255f;
      }
    }
    return new ImageBatch(dataset.shape(), count, pixels);
  }

  private static Map<String, OptimizerConfig> scaled(Map<String, OptimizerConfig> optimizers, double scale) {
    if (scale == 1.0) {
      return optimizers;
    }
    Map<String, OptimizerConfig> scaled = new LinkedHashMap<>();
    optimizers.forEach((network, optimizer) ->
        scaled.put(network, optimizer.withLearningRate((float) (optimizer.learningRate() * scale))));
    return scaled;
  }

  private ImageBatch publishSamples(Sampler sampler, float[] fixedNoise, long step, boolean isFinal) {
    ImageBatch images = sampler.decode(fixedNoise, GRID_SIZE);
    SamplesReady event = new SamplesReady(step, images, isFinal);
    listeners.forEach(listener -> listener.onSamples(event));
    return images;
  }

  private Optional<EvaluationCompleted> publishEvaluation(Optional<HeldOut> heldOut, long step) {
    return heldOut.map(scoring -> {
      EvaluationCompleted event = scoring.evaluator().score(scoring.dataset(), step);
      listeners.forEach(listener -> listener.onEvaluation(event));
      return event;
    });
  }

  private static void requireFinite(Map<String, Float> metrics, long step) {
    for (Map.Entry<String, Float> metric : metrics.entrySet()) {
      if (!Float.isFinite(metric.getValue())) {
        throw new NonFiniteMetricException(step, metric.getKey(), metric.getValue());
      }
    }
  }

  private long totalSteps(Trainer trainer) {
    if (config.training().epochs() == 0) {
      return config.training().steps();
    }
    long batchesPerEpoch = dataset.count() / config.data().batchSize();
    long batches = batchesPerEpoch * config.training().epochs();
    int perIteration = Math.max(1, trainer.batchesPerIteration());
    return Math.max(1, (batches + perIteration - 1) / perIteration);
  }

  private record HeldOut(HeldOutEvaluator evaluator, ImageDataset dataset) {}

  /**
   * Sums of each metric since the last drain, each over the steps that returned it: the mean of a
   * metric that only some steps compute (a lazy term's) is over those, and an interval in which no step
   * computed it leaves it out.
   */
  private static final class MetricAverages {
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    void add(Map<String, Float> metrics) {
      metrics.forEach((name, value) -> {
        double[] sum = sums.computeIfAbsent(name, key -> new double[2]);
        sum[0] += value;
        sum[1]++;
      });
    }

    Map<String, Double> drain() {
      Map<String, Double> means = new LinkedHashMap<>();
      sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
      sums.clear();
      return means;
    }
  }
}
