package io.gen4j.train.listeners;

import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plain log lines: one per logged step with the metrics, throughput and ETA. */
public final class LogLines implements TrainingListener {

  private static final Logger LOG = LoggerFactory.getLogger(LogLines.class);

  private long startNanos;
  private long firstStep;

  @Override
  public void onStart(TrainingStarted event) {
    startNanos = System.nanoTime();
    firstStep = event.firstStep();
    LOG.info("training {} from step {} to {} in {}", event.modelType(), event.firstStep(), event.totalSteps(),
        event.runDirectory());
  }

  @Override
  public void afterStep(StepCompleted event) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    long done = event.step() - firstStep;
    double eta = done > 0 ? elapsed / done * (event.totalSteps() - event.step()) : 0;
    LOG.info(String.format(Locale.ROOT, "step %d/%d epoch %d  %s  %.0f img/s  eta %s", event.step(),
        event.totalSteps(), event.epoch(), format(event.metrics()), event.imagesPerSecond(), duration(eta)));
  }

  @Override
  public void onWarning(TrainingWarning event) {
    LOG.warn("step {}: {}", event.step(), event.message());
  }

  @Override
  public void onFailure(TrainingFailed event) {
    LOG.error("training failed: {}", event.cause().getMessage());
  }

  @Override
  public void onCheckpoint(CheckpointSaved event) {
    LOG.debug("checkpoint {}", event.directory());
  }

  @Override
  public void onEnd(TrainingEnded event) {
    LOG.info("finished {} steps in {}: {}", event.step(), duration(event.wallTime().toMillis() / 1000.0),
        event.runDirectory());
  }

  private static String format(Map<String, Double> metrics) {
    return metrics.entrySet().stream()
        .map(metric -> String.format(Locale.ROOT, "%s=%.4f", metric.getKey(), metric.getValue()))
        .collect(Collectors.joining(" "));
  }

  private static String duration(double seconds) {
    long total = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
  }
}
