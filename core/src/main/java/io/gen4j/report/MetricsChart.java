package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's metrics plot as inline SVG, one chart per {@link LossPlot.Panel}: every chart spans the
 * same steps with the same margins, so their x-axes line up; the x-axis ticks are round step numbers
 * (1, 2 or 5 times a power of ten) spaced so their labels never touch; series with few points get
 * markers. The labels are SVG text, so the browser check measures them.
 */
final class MetricsChart {

  /** The chart's coordinate width; the browser scales the chart to the width of its column. */
  static final int WIDTH = 640;

  static final int HEIGHT = 250;

  /** Room for the y-axis labels: the same in every chart, which aligns their x-axes. */
  static final int LEFT = 62;

  static final int RIGHT = 18;
  static final int TOP = 12;
  static final int BOTTOM = 40;

  /** The font size of tick labels, in chart units. */
  static final double FONT_SIZE = 11;

  /** A generous width of one character of a tick label, in chart units (digits are about 0.55 em). */
  static final double CHARACTER_WIDTH = 0.62 * FONT_SIZE;

  /** The least free space between two x-axis labels, in chart units. */
  static final double LABEL_GAP = 30;

  private static final int MARKER_LIMIT = 30;

  /** Series colours, in order (a colour-blind-safe palette). */
  static final List<String> COLOURS = List.of(
      "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999");

  private MetricsChart() {}

  /** The steps every chart of a history spans: the first and last step of any finite value. */
  record StepRange(long first, long last) {

    static StepRange of(MetricsHistory history) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (List<MetricPoint> points : history.series().values()) {
        for (MetricPoint point : points) {
          if (Double.isFinite(point.value())) {
            first = Math.min(first, point.step());
            last = Math.max(last, point.step());
          }
        }
      }
      if (first > last) {
        return new StepRange(0, 1);
      }
      // from 0 when the run is young, so the axis reads as the run's progress
      return new StepRange(first <= last / 2 ? 0 : first, Math.max(last, first + 1));
    }
  }

  /** The chart of one panel's series as an SVG element. */
  static String svg(LossPlot.Panel panel, List<String> names, MetricsHistory history, StepRange steps) {
    requireNonNull(panel, "panel is null");
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (String name : names) {
      for (MetricPoint point : history.series().get(name)) {
        if (Double.isFinite(point.value())) {
          low = Math.min(low, point.value());
          high = Math.max(high, point.value());
        }
      }
    }
    if (panel == LossPlot.Panel.THROUGHPUT) {
      low = Math.min(low, 0);
    }
    if (high - low < 1e-12 * Math.max(1, Math.abs(high))) {
      double pad = Math.max(Math.abs(high) * 0.1, 1e-3);
      low -= pad;
      high += pad;
    }
    List<Double> yTicks = niceTicks(low, high, 5);
    low = Math.min(low, yTicks.get(0));
    high = Math.max(high, yTicks.get(yTicks.size() - 1));
    double yLow = low;
    double ySpan = high - low;
    double xSpan = steps.last() - steps.first();

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s against the step\">%n",
        WIDTH, HEIGHT, RunReport.escape(panel.title())));
    // y grid and labels
    for (double tick : yTicks) {
      double y = TOP + plotHeight - (tick - yLow) / ySpan * plotHeight;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
          LEFT, y, LEFT + plotWidth, y));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick y\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\""
          + " dominant-baseline=\"middle\">%s</text>%n", LEFT - 6, y, yLabel(tick, yTicks)));
    }
    // x-axis, ticks and labels
    double axisY = TOP + plotHeight;
    svg.append(String.format(Locale.ROOT, "<line class=\"x-axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
        LEFT, axisY, LEFT + plotWidth, axisY));
    for (long tick : stepTicks(steps, plotWidth)) {
      double x = LEFT + (tick - steps.first()) / xSpan * plotWidth;
      svg.append(String.format(Locale.ROOT, "<line class=\"tick-mark\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
          x, axisY, x, axisY + 4));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
          x, axisY + 17, stepLabel(tick)));
    }
    svg.append(String.format(Locale.ROOT, "<text class=\"axis-title\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">step</text>%n",
        LEFT + plotWidth / 2, HEIGHT - 4));
    // series
    for (int index = 0; index < names.size(); index++) {
      String colour = COLOURS.get(index % COLOURS.size());
      List<String> points = new ArrayList<>();
      for (MetricPoint point : history.series().get(names.get(index))) {
        if (Double.isFinite(point.value())) {
          double x = LEFT + (point.step() - steps.first()) / xSpan * plotWidth;
          double y = TOP + plotHeight - (point.value() - yLow) / ySpan * plotHeight;
          points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
      }
      svg.append("<g class=\"series\"><title>").append(RunReport.escape(names.get(index))).append("</title>\n");
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"%s\"/>%n",
          colour, String.join(" ", points)));
      if (points.size() < MARKER_LIMIT) {
        for (String point : points) {
          String[] xy = point.split(",");
          svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"2.6\" fill=\"%s\"/>%n", xy[0], xy[1], colour));
        }
      }
      svg.append("</g>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /**
   * Round step numbers across the range, as many as fit: the smallest step of 1, 2 or 5 times a power of
   * ten (at least 1) whose labels, at {@link #CHARACTER_WIDTH} per character, leave {@link #LABEL_GAP}
   * between neighbours.
   */
  static List<Long> stepTicks(StepRange steps, double plotWidth) {
    double span = steps.last() - steps.first();
    for (long spacing : roundSpacings(1)) {
      long start = ceilTo(steps.first(), spacing);
      List<Long> ticks = new ArrayList<>();
      for (long tick = start; tick <= steps.last(); tick += spacing) {
        ticks.add(tick);
      }
      if (fits(ticks, steps, span, plotWidth)) {
        return ticks;
      }
    }
    throw new IllegalStateException("no tick spacing fits " + steps);
  }

  private static boolean fits(List<Long> ticks, StepRange steps, double span, double plotWidth) {
    if (ticks.size() < 2) {
      return true;
    }
    for (int index = 1; index < ticks.size(); index++) {
      double distance = (ticks.get(index) - ticks.get(index - 1)) / span * plotWidth;
      double halfWidths = (stepLabel(ticks.get(index)).length() + stepLabel(ticks.get(index - 1)).length())
          * CHARACTER_WIDTH / 2;
      if (distance < halfWidths + LABEL_GAP) {
        return false;
      }
    }
    // the outermost labels stay inside the chart
    double firstX = LEFT + (ticks.get(0) - steps.first()) / span * plotWidth;
    double lastX = LEFT + (ticks.get(ticks.size() - 1) - steps.first()) / span * plotWidth;
    return firstX - stepLabel(ticks.get(0)).length() * CHARACTER_WIDTH / 2 >= 0
        && lastX + stepLabel(ticks.get(ticks.size() - 1)).length() * CHARACTER_WIDTH / 2 <= WIDTH;
  }

  /** 1, 2, 5, 10, 20, 50, ... from {@code from} on, far past any run's length. */
  private static List<Long> roundSpacings(long from) {
    List<Long> spacings = new ArrayList<>();
    for (long power = 1; power <= 1_000_000_000_000L; power *= 10) {
      for (long factor : new long[] {1, 2, 5}) {
        if (factor * power >= from) {
          spacings.add(factor * power);
        }
      }
    }
    return spacings;
  }

  private static long ceilTo(long value, long spacing) {
    return Math.floorDiv(value + spacing - 1, spacing) * spacing;
  }

  /** A step as a tick label: {@code 500}, {@code 2500}, from 10,000 on in thousands when round ({@code 12k}). */
  static String stepLabel(long step) {
    if (step >= 10_000 && step % 1000 == 0) {
      return (step / 1000) + "k";
    }
    return Long.toString(step);
  }

  /** About {@code count} round values covering [low, high]. */
  static List<Double> niceTicks(double low, double high, int count) {
    double rough = (high - low) / Math.max(1, count - 1);
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double spacing = power * 10;
    for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
      if (factor * power >= rough) {
        spacing = factor * power;
        break;
      }
    }
    List<Double> ticks = new ArrayList<>();
    double start = Math.floor(low / spacing) * spacing;
    for (double tick = start; tick <= high + spacing * 1e-9; tick += spacing) {
      ticks.add(Math.abs(tick) < spacing * 1e-9 ? 0 : tick);
    }
    if (ticks.get(ticks.size() - 1) < high - spacing * 1e-9) {
      ticks.add(ticks.get(ticks.size() - 1) + spacing);
    }
    return ticks;
  }

  /** A y label with just the digits that tell the ticks apart. */
  private static String yLabel(double value, List<Double> ticks) {
    double spacing = ticks.size() > 1 ? Math.abs(ticks.get(1) - ticks.get(0)) : Math.abs(value);
    double magnitude = Math.max(Math.abs(ticks.get(0)), Math.abs(ticks.get(ticks.size() - 1)));
    if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(spacing) - 1e-9));
    double fraction = spacing * Math.pow(10, decimals) % 1;
    if (fraction > 1e-6 && fraction < 1 - 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
  }

  /** The HTML legend of a chart: a swatch and the name of each series. */
  static String legend(List<String> names) {
    return legend(names, COLOURS);
  }

  /** A legend with the given colours, in order. */
  static String legend(List<String> names, List<String> colours) {
    StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
    for (int index = 0; index < names.size(); index++) {
      legend.append("<li><span class=\"swatch\" style=\"background:").append(colours.get(index % colours.size()))
          .append("\"></span>").append(RunReport.escape(names.get(index))).append("</li>");
    }
    return legend.append("</ul>\n").toString();
  }

  /** Every panel's chart and legend, in drawing order. */
  static String panels(MetricsHistory history, MetricKinds kinds) {
    Map<LossPlot.Panel, List<String>> panels = LossPlot.panels(history, kinds);
    StepRange steps = StepRange.of(history);
    StringBuilder html = new StringBuilder("<div class=\"panels\">\n");
    panels.forEach((panel, names) -> html.append("<figure class=\"panel\"><figcaption>")
        .append(RunReport.escape(panel.title())).append("</figcaption>\n")
        .append(svg(panel, names, history, steps)).append(legend(names)).append("</figure>\n"));
    return html.append("</div>\n").toString();
  }
}
