package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.Datasets;
import io.gen4j.data.ImageDataset;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * The generic loop every model trains with: build the graph once, then per step let the trainer run
 * its updates, and at the configured intervals log metrics, draw samples from the fixed noise batch,
 * score the held-out split (for models with an {@link io.gen4j.spi.Evaluation}) and checkpoint.
 * Resuming from a checkpoint restores the variables (optimizer state included), the step and the data
 * position, so the run continues exactly as an uninterrupted one would.
 */
public final class TrainingLoop {

  /** Number of images in the fixed-noise sample grid (8x8). */
  public static final int GRID_SIZE = 64;

  private final ExperimentConfig config;
  private final GenerativeModel model;
  private final TrainerProvider trainerProvider;
  private final ImageDataset dataset;
  private final RunDirectory run;
  private final List<TrainingListener> listeners;

  public TrainingLoop(
      ExperimentConfig config,
      GenerativeModel model,
      TrainerProvider trainerProvider,
      ImageDataset dataset,
      RunDirectory run,
      List<TrainingListener> listeners) {
    this.config = requireNonNull(config, "config is null");
    this.model = requireNonNull(model, "model is null");
    this.trainerProvider = requireNonNull(trainerProvider, "trainerProvider is null");
    this.dataset = requireNonNull(dataset, "dataset is null");
    this.run = requireNonNull(run, "run is null");
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains to the configured length.
   *
   * @param resumeFrom the checkpoint to continue from, or empty to start anew
   */
  public TrainingResult run(Optional<Checkpoint> resumeFrom) {
    int batchSize = config.data().batchSize();
    long seed = config.seed();
    Checkpointer checkpointer = new Checkpointer(run.checkpointsDirectory(), config.training().keepCheckpoints());
    try (ModelAssembly assembly =
            ModelAssembly.build(model, dataset.shape(), batchSize, seed, config.training().optimizers());
        Session session = new Session(assembly.graph())) {
      Trainer trainer = trainerProvider.create(assembly.modelGraph(), model.trainerSettings());
      long totalSteps = totalSteps(trainer);
      TrainingState state = resumeFrom.map(Checkpoint::state).orElse(TrainingState.START);
      if (resumeFrom.isPresent()) {
        Checkpointer.restore(session, resumeFrom.get());
      } else {
        session.initialize();
      }
      Sampler sampler = new Sampler(session, assembly, dataset.shape(), model.pixelRange(), model.latentSize());
      float[] fixedNoise = Sampler.gaussianLatents(seed, GRID_SIZE, model.latentSize());
      Optional<HeldOut> heldOut = assembly.modelGraph().evaluation().map(evaluation -> new HeldOut(
          new Evaluator(session, assembly, evaluation, model.pixelRange(), seed),
          Datasets.test(config.data().dataset())));
      try (BatchPrefetcher batches =
          new BatchPrefetcher(dataset, batchSize, seed, model.pixelRange(), state.batchesConsumed())) {
        SessionObjectiveRunner runner = new SessionObjectiveRunner(
            session, assembly, batches, dataset.shape(), batchSize, seed, state.batchesConsumed());
        return loop(session, trainer, runner, sampler, fixedNoise, heldOut, checkpointer, state.step(), totalSteps);
      }
    }
  }

  private TrainingResult loop(
      Session session,
      Trainer trainer,
      SessionObjectiveRunner runner,
      Sampler sampler,
      float[] fixedNoise,
      Optional<HeldOut> heldOut,
      Checkpointer checkpointer,
      long firstStep,
      long totalSteps) {
    TrainingStarted started =
        new TrainingStarted(run.path(), config.modelType(), firstStep, totalSteps, config.data().batchSize());
    listeners.forEach(listener -> listener.onStart(started));
    long startNanos = System.nanoTime();
    MetricAverages averages = new MetricAverages();
    Map<String, Double> lastMetrics = Map.of();
    long intervalStart = System.nanoTime();
    long intervalBatches = runner.batchesConsumed();
    long batchesPerEpoch = dataset.count() / config.data().batchSize();
    long step = firstStep;
    try {
      while (step < totalSteps) {
        runner.startIteration(step);
        Map<String, Float> metrics = trainer.iteration(runner);
        requireFinite(metrics, step + 1, checkpointer);
        averages.add(metrics);
        step++;
        boolean last = step == totalSteps;
        if (step % config.training().logInterval() == 0 || last) {
          long now = System.nanoTime();
          double seconds = Math.max(1e-9, (now - intervalStart) / 1e9);
          double imagesPerSecond = (runner.batchesConsumed() - intervalBatches) * config.data().batchSize() / seconds;
          long epoch = Math.max(0, runner.batchesConsumed() - 1) / Math.max(1, batchesPerEpoch);
          lastMetrics = averages.drain();
          StepCompleted event = new StepCompleted(step, totalSteps, epoch, lastMetrics, imagesPerSecond);
          listeners.forEach(listener -> listener.afterStep(event));
          intervalStart = now;
          intervalBatches = runner.batchesConsumed();
        }
        if (step % config.training().sampleInterval() == 0 && !last) {
          publishSamples(sampler, fixedNoise, step, false);
        }
        if (step % config.training().evaluationInterval() == 0 && !last) {
          long evaluationStart = System.nanoTime();
          publishEvaluation(heldOut, step);
          intervalStart += System.nanoTime() - evaluationStart; // throughput counts training time only
        }
        if (step % config.training().checkpointInterval() == 0 || last) {
          Checkpoint checkpoint = checkpointer.save(session, new TrainingState(step, runner.batchesConsumed()));
          CheckpointSaved saved = new CheckpointSaved(step, checkpoint.directory());
          listeners.forEach(listener -> listener.onCheckpoint(saved));
        }
      }
      if (firstStep < totalSteps || !hasFinalSamples()) {
        publishSamples(sampler, fixedNoise, step, true);
        publishEvaluation(heldOut, step);
      }
      Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
      TrainingEnded ended = new TrainingEnded(step, run.path(), lastMetrics, wallTime);
      listeners.forEach(listener -> listener.onEnd(ended));
      return new TrainingResult(run.path(), step, lastMetrics, wallTime);
    } catch (RuntimeException e) {
      TrainingFailed failed = new TrainingFailed(step + 1, e);
      listeners.forEach(listener -> listener.onFailure(failed));
      throw e;
    }
  }

  private boolean hasFinalSamples() {
    return java.nio.file.Files.exists(run.finalSamples());
  }

  private void publishSamples(Sampler sampler, float[] fixedNoise, long step, boolean isFinal) {
    ImageBatch images = sampler.decode(fixedNoise, GRID_SIZE);
    SamplesReady event = new SamplesReady(step, images, isFinal);
    listeners.forEach(listener -> listener.onSamples(event));
  }

  private void publishEvaluation(Optional<HeldOut> heldOut, long step) {
    heldOut.ifPresent(scoring -> {
      EvaluationCompleted event = scoring.evaluator().score(scoring.dataset(), step);
      listeners.forEach(listener -> listener.onEvaluation(event));
    });
  }

  private void requireFinite(Map<String, Float> metrics, long step, Checkpointer checkpointer) {
    for (Map.Entry<String, Float> metric : metrics.entrySet()) {
      if (!Float.isFinite(metric.getValue())) {
        String kept = checkpointer.latest()
            .map(checkpoint -> "the last good checkpoint is " + checkpoint.directory())
            .orElse("no checkpoint had been written yet");
        throw new TrainingException(
            "step " + step + ": " + metric.getKey() + " is " + metric.getValue() + "; training stopped, " + kept);
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

  /** The model's evaluation and the held-out split it scores. */
  private record HeldOut(Evaluator evaluator, ImageDataset dataset) {}

  /** Sums of each metric since the last drain. */
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
