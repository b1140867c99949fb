package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import io.gen4j.export.ImageGrid;
import io.gen4j.spi.MetricKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws every series of a {@link MetricsHistory} against the step with XChart, as panels stacked
 * one above the other so series of different scales do not flatten each other: losses, scores in [0,
 * 1] (the discriminator's mean outputs), other metrics (gradient norms, critic values, penalties) and
 * throughput (names that end in {@code _per_second}). A series goes to the panel of the {@link
 * MetricKind} its model declared ({@link MetricKinds}); one without a declared kind is guessed: a loss
 * when its name contains {@code loss}, a score when every value lies in [0, 1], else other.
 */
public final class LossPlot {

  /** Width of the plot in pixels. */
  public static final int WIDTH = 900;

  /** Height of each panel in pixels. */
  public static final int PANEL_HEIGHT = 300;

  /** Series with fewer points than this are drawn with markers, so a single point is visible. */
  private static final int MARKER_LIMIT = 30;

  private LossPlot() {}

  /**
   * The panels a history is drawn in, each with the names of its series, in drawing order; a series
   * with no finite value is left out.
   */
  public static Map<Panel, List<String>> panels(MetricsHistory history, MetricKinds kinds) {
    requireNonNull(history, "history is null");
    requireNonNull(kinds, "kinds is null");
    Map<Panel, List<String>> panels = new EnumMap<>(Panel.class);
    history.series().forEach((name, points) -> {
      if (points.stream().anyMatch(point -> Double.isFinite(point.value()))) {
        panels.computeIfAbsent(Panel.of(name, points, kinds), panel -> new ArrayList<>()).add(name);
      }
    });
    return panels;
  }

  /**
   * The plot as an image, {@link #WIDTH} wide and {@link #PANEL_HEIGHT} high per panel.
   *
   * @throws IllegalArgumentException if the history is empty
   */
  public static BufferedImage render(MetricsHistory history, MetricKinds kinds) {
    Map<Panel, List<String>> panels = panels(history, kinds);
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("no metrics to plot: metrics.jsonl has no lines yet");
    }
    BufferedImage plot = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = plot.createGraphics();
    try {
      int top = 0;
      for (Map.Entry<Panel, List<String>> panel : panels.entrySet()) {
        graphics.drawImage(BitmapEncoder.getBufferedImage(chart(panel.getKey(), panel.getValue(), history)), 0, top, null);
        top += PANEL_HEIGHT;
      }
    } finally {
      graphics.dispose();
    }
    return plot;
  }

  /**
   * Writes the plot as a PNG, atomically (temporary file, then rename).
   *
   * @throws IllegalArgumentException if the history is empty
   */
  public static void write(MetricsHistory history, MetricKinds kinds, Path file) {
    ImageGrid.writePng(render(history, kinds), file);
  }

  private static XYChart chart(Panel panel, List<String> names, MetricsHistory history) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(PANEL_HEIGHT)
        .title(panel.title())
        .xAxisTitle("step")
        .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setAntiAlias(true);
    for (String name : names) {
      Map<Long, Double> finite = new LinkedHashMap<>();
      history.series().get(name).stream()
          .filter(point -> Double.isFinite(point.value()))
          .forEach(point -> finite.put(point.step(), point.value()));
      XYSeries series = chart.addSeries(name, new ArrayList<>(finite.keySet()), new ArrayList<>(finite.values()));
      series.setMarker(finite.size() < MARKER_LIMIT ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    return chart;
  }

  /** A panel of the plot: series whose values share a scale. */
  public enum Panel {
    /** Series of kind {@link MetricKind#LOSS}. */
    LOSSES,
    /** Series of kind {@link MetricKind#UNIT_SCORE}: probabilities such as D's mean outputs. */
    UNIT_SCORES,
    /** Series of kind {@link MetricKind#OTHER}: critic values, divergences, penalties, gradient norms. */
    OTHER,
    /** Names that end in {@code _per_second}. */
    THROUGHPUT;

    /** The panel a series of this name and these points goes to. */
    public static Panel of(String name, List<MetricPoint> points, MetricKinds kinds) {
      if (name.toLowerCase(Locale.ROOT).endsWith("_per_second")) {
        return THROUGHPUT;
      }
      return of(kinds.of(name).orElseGet(() -> guess(name, points)));
    }

    /** The panel of a kind. */
    public static Panel of(MetricKind kind) {
      return switch (kind) {
        case LOSS -> LOSSES;
        case UNIT_SCORE -> UNIT_SCORES;
        case OTHER -> OTHER;
      };
    }

    /** The kind of a series whose model declared none: by its name, then by its values. */
    public static MetricKind guess(String name, List<MetricPoint> points) {
      if (name.toLowerCase(Locale.ROOT).contains("loss")) {
        return MetricKind.LOSS;
      }
      boolean unit = points.stream()
          .filter(point -> Double.isFinite(point.value()))
          .allMatch(point -> point.value() >= 0 && point.value() <= 1);
      return unit ? MetricKind.UNIT_SCORE : MetricKind.OTHER;
    }

    /** The panel's title. */
    public String title() {
      return switch (this) {
        case LOSSES -> MetricKind.LOSS.title();
        case UNIT_SCORES -> MetricKind.UNIT_SCORE.title();
        case OTHER -> MetricKind.OTHER.title();
        case THROUGHPUT -> "throughput (images per second)";
      };
    }
  }
}
