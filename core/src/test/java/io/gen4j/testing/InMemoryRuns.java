package io.gen4j.testing;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.report.LossPlotWriter;
import io.gen4j.report.MetricKinds;
import io.gen4j.report.RunReportWriter;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.tensorboard.TensorBoardWriter;
import io.gen4j.train.RunDirectory;
import io.gen4j.train.TrainingLoop;
import io.gen4j.train.TrainingResult;
import io.gen4j.train.listeners.MetricsFileWriter;
import io.gen4j.train.listeners.SampleGridWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Training runs on datasets built in memory by a test (such as {@link ColourImages}), with the listeners
 * {@code gen4j train} adds: metrics file, sample grids, loss plot, TensorBoard and run report.
 */
public final class InMemoryRuns {

  private InMemoryRuns() {}

  /**
   * Trains {@code config} on {@code train} into a new run directory under {@code config.output()}, with
   * the config and a provenance naming the dataset.
   *
   * @param test what a model with held-out scores is scored on
   */
  public static TrainingResult train(Gen4j gen4j, ExperimentConfig config, ImageDataset train, ImageDataset test) {
    GenerativeModel model = gen4j.catalog().createModel(config);
    RunDirectory run = RunDirectory.create(Path.of(config.output().runsDirectory()), config.name(), LocalDateTime.now());
    try {
      Files.writeString(run.configFile(), gen4j.configLoader().toJson(config));
      Files.writeString(run.provenanceFile(), "{\"dataset\": \"" + train.name() + "\", \"images\": " + train.count()
          + ", \"imageShape\": {\"height\": " + train.shape().height() + ", \"width\": " + train.shape().width()
          + ", \"channels\": " + train.shape().channels() + "}, \"classes\": " + train.classCount() + "}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<io.gen4j.spi.TrainingListener> listeners = List.of(
        new MetricsFileWriter(run.metricsFile()),
        new MetricKinds.Writer(run.metricKindsFile()),
        new SampleGridWriter(run.samplesDirectory()),
        new LossPlotWriter(run.metricsFile(), run.metricKindsFile(), run.lossPlot()),
        new TensorBoardWriter(run.tensorBoardDirectory()),
        new RunReportWriter(run));
    return new TrainingLoop(config, model, gen4j.catalog().trainerFor(model), train, test, train.classCount(), run,
        listeners)
        .run(Optional.empty());
  }
}
