package io.gen4j.report;

import io.gen4j.data.BundledMnist;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
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

/**
 * A run directory written by the real listeners from made-up events, quickly and without TensorFlow:
 * 40 steps, metrics every 5 (an evaluation value every 20), samples every 10 that fade from noise into
 * MNIST test digits as a GAN's would sharpen.
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

  private ReportFixture() {}

  /** The run's directory, with the listeners that wrote it given the events of a finished run. */
  static RunDirectory finishedRun(Path runs) throws IOException {
    RunDirectory run = startedRun(runs);
    List<TrainingListener> listeners = listeners(run);
    listeners.forEach(listener -> listener.onStart(new TrainingStarted(run.path(), "tiny-gan", 0, TOTAL_STEPS, 64)));
    ImageDataset digits = BundledMnist.test();
    for (long step = LOG_INTERVAL; step <= TOTAL_STEPS; step += LOG_INTERVAL) {
      StepCompleted logged = new StepCompleted(step, TOTAL_STEPS, step / 20, metrics(step), 900 + step);
      listeners.forEach(listener -> listener.afterStep(logged));
      if (step % SAMPLE_INTERVAL == 0) {
        SamplesReady samples = new SamplesReady(step, samples(digits, step / (double) TOTAL_STEPS), step == TOTAL_STEPS);
        listeners.forEach(listener -> listener.onSamples(samples));
      }
    }
    TrainingEnded ended = new TrainingEnded(TOTAL_STEPS, run.path(), metrics(TOTAL_STEPS), Duration.ofSeconds(3));
    listeners.forEach(listener -> listener.onEnd(ended));
    return run;
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
        new SampleGridWriter(run.samplesDirectory()),
        new LossPlotWriter(run.metricsFile(), run.lossPlot()),
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
    for (int index = 0; index < pixels.length; index++) {
      float digit = (digits.pixels()[index] & 0xff) / 255f;
      pixels[index] = (float) (digitShare * digit + (1 - digitShare) * noise.nextFloat());
    }
    return new ImageBatch(digits.shape(), 64, pixels);
  }
}
