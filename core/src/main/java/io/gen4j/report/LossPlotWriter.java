package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redraws {@code loss.png} from {@code metrics.jsonl} (the whole run, resumed parts included) at every
 * sample interval, at the end and on failure. It reads the metrics file, so it goes after the listener
 * that writes it.
 */
public final class LossPlotWriter implements TrainingListener {

  private static final Logger LOG = LoggerFactory.getLogger(LossPlotWriter.class);

  private final Path metricsFile;
  private final Path kindsFile;
  private final Path plotFile;

  /**
   * @param metricsFile the run's {@code metrics.jsonl}
   * @param kindsFile the run's {@code metric-kinds.json}
   * @param plotFile the PNG to write
   */
  public LossPlotWriter(Path metricsFile, Path kindsFile, Path plotFile) {
    this.metricsFile = requireNonNull(metricsFile, "metricsFile is null");
    this.kindsFile = requireNonNull(kindsFile, "kindsFile is null");
    this.plotFile = requireNonNull(plotFile, "plotFile is null");
  }

  @Override
  public void onSamples(SamplesReady event) {
    refresh();
  }

  @Override
  public void onEnd(TrainingEnded event) {
    refresh();
  }

  /** Draws what was logged before the failure; a failure to draw it is logged, not thrown over the run's own error. */
  @Override
  public void onFailure(TrainingFailed event) {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("cannot draw {}: {}", plotFile, e.getMessage());
    }
  }

  private void refresh() {
    MetricsHistory history = MetricsHistory.read(metricsFile);
    MetricKinds kinds = MetricKinds.read(kindsFile);
    if (!LossPlot.panels(history, kinds).isEmpty()) {
      LossPlot.write(history, kinds, plotFile);
    }
  }
}
