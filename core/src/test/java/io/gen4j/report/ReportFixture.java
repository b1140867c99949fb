package io.gen4j.report;

import io.gen4j.data.BundledMnist;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.train.RunDirectory;
import io.gen4j.train.listeners.MetricsFileWriter;
import io.gen4j.train.listeners.SampleGridWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A run directory written by the real listeners from made-up events, quickly and without TensorFlow:
 * 40 steps, metrics every 5 (an evaluation value every 20), samples at step 0 and every 10 that fade from noise into
 * MNIST test digits as a GAN's would sharpen, and a warning at step 25.
 */
final class ReportFixture {

  static final long TOTAL_STEPS = 40;
  static final long LOG_INTERVAL = 5;
  static final long SAMPLE_INTERVAL = 10;
  static final String CONFIG = """
      {
        "name" : "report<test>&co",
        "seed" : 7,
        "model" : { "type" : "tiny-gan", "latentSize" : 8, "hidden" : 16 },
        "training" : { "steps" : 40 }
      }
      """;

  static final long WARNING_STEP = 25;
  static final TrainingWarning WARNING = new TrainingWarning(WARNING_STEP, "discriminator-wins",
      "the discriminator wins outright: d_loss 0.0100 and D(G(z)) 0.0100 for 5 logged intervals <here>");

  /** An {@code eval.json} as {@code gen4j eval} writes it, with a metric the report has never heard of. */
  static final String EVALUATION = """
      {
        "dataset" : "mnist",
        "testImages" : 10000,
        "featureNetwork" : { "dataset" : "mnist", "architectureVersion" : 1, "testAccuracy" : 0.9912 },
        "settings" : { "samples" : 10000, "seed" : 1, "kidSubsets" : 100 },
        "model" : { "source" : "run", "count" : 10000, "fid" : 23.456789, "kidMean" : 0.0123,
                    "classHistogram" : [ 980, 1020 ], "sharpness" : 0.5 },
        "reference" : { "source" : "mnist train", "count" : 10000, "fid" : 0.987654, "kidMean" : 0.0001,
                        "classHistogram" : [ 1000, 1000 ] },
        "runMetrics" : { "test_score" : { "step" : 40, "value" : 4.0 } },
        "created" : "2026-01-02T03:04:05Z"
      }
      """;

  private ReportFixture() {}

  /** The run's directory, with the listeners that wrote it given the events of a finished run. */
  static RunDirectory finishedRun(Path runs) throws IOException {
    RunDirectory run = startedRun(runs);
    List<TrainingListener> listeners = listeners(run);
    listeners.forEach(listener -> listener.onStart(new TrainingStarted(run.path(), "tiny-gan", 0, TOTAL_STEPS, 64)));
    ImageDataset digits = BundledMnist.test();
    SamplesReady untrained = new SamplesReady(0, samples(digits, 0), false);
    listeners.forEach(listener -> listener.onSamples(untrained));
    for (long step = LOG_INTERVAL; step <= TOTAL_STEPS; step += LOG_INTERVAL) {
      StepCompleted logged = new StepCompleted(step, TOTAL_STEPS, step / 20, metrics(step), 900 + step);
      listeners.forEach(listener -> listener.afterStep(logged));
      if (step % SAMPLE_INTERVAL == 0) {
        SamplesReady samples = new SamplesReady(step, samples(digits, step / (double) TOTAL_STEPS), step == TOTAL_STEPS);
        listeners.forEach(listener -> listener.onSamples(samples));
      }
      if (step == WARNING_STEP) {
        listeners.forEach(listener -> listener.onWarning(WARNING));
      }
    }
    TrainingEnded ended = new TrainingEnded(TOTAL_STEPS, run.path(), metrics(TOTAL_STEPS), Duration.ofSeconds(3));
    listeners.forEach(listener -> listener.onEnd(ended));
    return run;
  }

  /** A copy of a run directory in {@code runs}, under the same name, for a test to change. */
  static RunDirectory copy(RunDirectory run, Path runs) throws IOException {
    Path target = runs.resolve(run.path().getFileName());
    try (Stream<Path> files = Files.walk(run.path())) {
      for (Path file : files.toList()) {
        Path copied = target.resolve(run.path().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copied);
        } else {
          Files.copy(file, copied);
        }
      }
    }
    return RunDirectory.open(target);
  }

  /** A new run directory with its config and provenance, as training starts. */
  static RunDirectory startedRun(Path runs) throws IOException {
    RunDirectory run = RunDirectory.create(runs, "report-test", LocalDateTime.of(2025, 1, 2, 3, 4, 5));
    Files.writeString(run.configFile(), CONFIG);
    Files.writeString(run.provenanceFile(), "{ \"gen4j\" : \"development build\", \"seed\" : 7 }\n");
    return run;
  }

  /** The built-in listeners that write what the report reads, then the report's. */
  static List<TrainingListener> listeners(RunDirectory run) {
    return List.of(
        new MetricsFileWriter(run.metricsFile()),
        new MetricKinds.Writer(run.metricKindsFile()),
        new SampleGridWriter(run.samplesDirectory()),
        new LossPlotWriter(run.metricsFile(), run.metricKindsFile(), run.lossPlot()),
        new RunReportWriter(run));
  }

  private static Map<String, Double> metrics(long step) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    double progress = step / (double) TOTAL_STEPS;
    metrics.put("d_loss", 1.4 - 0.3 * progress);
    metrics.put("g_loss", 0.7 + 0.5 * progress);
    metrics.put("d_real", 0.5 + 0.2 * progress);
    metrics.put("d_fake", 0.5 - 0.2 * progress);
    if (step % 20 == 0) {
      metrics.put("test_score", 10 * progress);
    }
    return metrics;
  }

  /** 64 digits in [0, 1], mixed with seeded noise: all noise at 0, all digit at 1. */
  private static ImageBatch samples(ImageDataset digits, double digitShare) {
    int size = digits.shape().size();
    float[] pixels = new float[64 * size];
    Random noise = new Random(11);
    for (int image = 0; image < 64; image++) {
      byte[] digit = digits.image(image); // one image at a time: pixels() copies the whole dataset
      for (int pixel = 0; pixel < size; pixel++) {
        int index = image * size + pixel;
        pixels[index] = (float) (digitShare * ((digit[pixel] & 0xff) / 255f) + (1 - digitShare) * noise.nextFloat());
      }
    }
    return new ImageBatch(digits.shape(), 64, pixels);
  }
}
