package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import io.gen4j.files.AtomicFiles;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes a sweep's summary files into its directory, each atomically:
 *
 * <ul>
 *   <li>{@value #CSV}: one row per combination, best first: rank, combination, axis values, runs planned,
 *       finished and failed, then {@code <metric>_mean}, {@code <metric>_std} and {@code <metric>_n} of
 *       every metric, numbers at full precision;
 *   <li>{@value #RUNS_CSV}: one row per run: its combination, seed, state and every figure;
 *   <li>{@value #MARKDOWN}: the combinations' table, {@code mean ± std} over seeds;
 *   <li>{@value #PLOT}: the sweep's metric per combination with the standard deviation as error bars
 *       (XChart);
 *   <li>{@value #REPORT}: a self-contained page with the table, the plot, and every run with a link to its
 *       own report.
 * </ul>
 */
public final class SummaryWriter {

  /** The combinations' table as CSV. */
  public static final String CSV = "summary.csv";

  /** Every run's figures as CSV. */
  public static final String RUNS_CSV = "runs.csv";

  /** The combinations' table as Markdown. */
  public static final String MARKDOWN = "summary.md";

  /** The ranking metric per combination, with error bars. */
  public static final String PLOT = "summary.png";

  /** The sweep report page. */
  public static final String REPORT = "index.html";

  private static final int PLOT_WIDTH = 900;
  private static final int PLOT_HEIGHT = 520;

  private SummaryWriter() {}

  /** Writes every summary file of a sweep into its directory. */
  public static void write(SweepSummary summary, Path directory) {
    requireNonNull(summary, "summary is null");
    AtomicFiles.write(directory.resolve(CSV), csv(summary).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(directory.resolve(RUNS_CSV), runsCsv(summary).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(directory.resolve(MARKDOWN), markdown(summary).getBytes(StandardCharsets.UTF_8));
    byte[] plot = plot(summary);
    AtomicFiles.write(directory.resolve(PLOT), plot);
    AtomicFiles.write(directory.resolve(REPORT), html(summary, directory, plot).getBytes(StandardCharsets.UTF_8));
  }

  static String csv(SweepSummary summary) {
    List<String> header = new ArrayList<>(List.of("rank", "combination"));
    header.addAll(summary.index().axes());
    header.addAll(List.of("planned", "finished", "failed"));
    summary.columns().forEach(metric -> header.addAll(List.of(metric.id() + "_mean", metric.id() + "_std", metric.id() + "_n")));
    StringBuilder text = new StringBuilder(csvLine(header));
    int rank = 0;
    for (SweepSummary.Row row : summary.rows()) {
      List<String> cells = new ArrayList<>(List.of(String.valueOf(++rank), row.combination()));
      summary.index().axes().forEach(axis -> cells.add(row.values().getOrDefault(axis, "")));
      cells.addAll(List.of(String.valueOf(row.planned()), String.valueOf(row.finished()), String.valueOf(row.failed())));
      for (SummaryMetric metric : summary.columns()) {
        SweepSummary.Statistic statistic = row.statistics().get(metric.id());
        if (statistic == null) {
          cells.addAll(List.of("", "", "0"));
        } else {
          cells.add(number(statistic.mean()));
          cells.add(number(statistic.standardDeviation()));
          cells.add(String.valueOf(statistic.count()));
        }
      }
      text.append(csvLine(cells));
    }
    return text.toString();
  }

  static String runsCsv(SweepSummary summary) {
    List<String> header = new ArrayList<>(List.of("run", "combination", "seed", "state"));
    header.addAll(summary.index().axes());
    summary.columns().forEach(metric -> header.add(metric.id()));
    StringBuilder text = new StringBuilder(csvLine(header));
    for (SweepIndex.Entry entry : summary.index().runs()) {
      RunResult result = summary.runs().get(entry.name());
      List<String> cells = new ArrayList<>(List.of(entry.name(), entry.combination(), String.valueOf(entry.seed()),
          result == null ? "pending" : result.state().name().toLowerCase(Locale.ROOT)));
      summary.index().axes().forEach(axis -> cells.add(entry.values().getOrDefault(axis, "")));
      for (SummaryMetric metric : summary.columns()) {
        Double value = result == null ? null : result.metrics().get(metric.id());
        cells.add(value == null ? "" : number(value));
      }
      text.append(csvLine(cells));
    }
    return text.toString();
  }

  /** The combinations' table in Markdown, {@code mean ± std}, best first. */
  public static String markdownTable(SweepSummary summary) {
    List<String> header = new ArrayList<>(List.of("#"));
    List<String> axes = summary.index().axes();
    if (axes.isEmpty()) {
      header.add("combination");
    } else {
      axes.forEach(axis -> header.add(axis.substring(axis.lastIndexOf('.') + 1)));
    }
    header.add("runs");
    summary.columns().forEach(metric -> header.add(metric.label()));
    StringBuilder text = new StringBuilder();
    text.append("| ").append(String.join(" | ", header)).append(" |\n");
    text.append("|---:|").append("---|".repeat(Math.max(1, axes.size()))).append("---:|")
        .append("---:|".repeat(summary.columns().size())).append('\n');
    int rank = 0;
    for (SweepSummary.Row row : summary.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.statistics().containsKey(summary.metric().id()) ? String.valueOf(++rank) : "–");
      if (axes.isEmpty()) {
        cells.add(row.combination());
      } else {
        axes.forEach(axis -> cells.add(row.values().getOrDefault(axis, "")));
      }
      cells.add(runs(row));
      summary.columns().forEach(metric -> cells.add(cell(row.statistics().get(metric.id()))));
      text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return text.toString();
  }

  static String markdown(SweepSummary summary) {
    SummaryMetric metric = summary.metric();
    return "# Sweep " + summary.index().name() + "\n\n"
        + "From `" + summary.index().source() + "`: " + summary.rows().size() + " combinations, "
        + summary.index().runs().size() + " runs. Mean ± standard deviation over each combination's finished runs "
        + "(its seeds; the standard deviation divides by n − 1), ranked by " + metric.label() + " ("
        + (metric.better() == SummaryMetric.Better.LOWER ? "lower" : "higher") + " is better). "
        + "`runs`: finished of planned.\n\n"
        + markdownTable(summary) + "\n"
        + legend(summary);
  }

  private static String legend(SweepSummary summary) {
    StringBuilder text = new StringBuilder();
    SweepEvaluation evaluation = summary.index().evaluation();
    if (evaluation.enabled()) {
      text.append(String.format(Locale.ROOT, "Evaluation: %d samples per run against %s test images, seed %d "
              + "(as `gen4j eval --run --n %d --seed %d`)%s.%n",
          evaluation.samples(), evaluation.testImages() == 0 ? "all" : String.valueOf(evaluation.testImages()),
          evaluation.seed(), evaluation.samples(), evaluation.seed(),
          evaluation.nllSamples() > 0 ? String.format(Locale.ROOT, "; NLL with k = %d on %s test images",
              evaluation.nllSamples(), evaluation.nllImages() == 0 ? "all" : String.valueOf(evaluation.nllImages())) : ""));
    } else {
      text.append("Runs are not evaluated (`\"eval\": false`).\n");
    }
    text.append("`wall s`: training seconds per run, summed over its processes; `img/s`: its mean training "
        + "throughput.\n");
    return text.toString();
  }

  private static String runs(SweepSummary.Row row) {
    return row.finished() + "/" + row.planned() + (row.failed() > 0 ? " (" + row.failed() + " failed)" : "");
  }

  private static String cell(SweepSummary.Statistic statistic) {
    if (statistic == null) {
      return "–";
    }
    int decimals = decimals(statistic.mean());
    String mean = String.format(Locale.ROOT, "%." + decimals + "f", statistic.mean());
    if (Double.isNaN(statistic.standardDeviation())) {
      return mean;
    }
    return mean + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", statistic.standardDeviation());
  }

  /** Decimals that show about four significant digits of values of this size. */
  static int decimals(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 1000) {
      return 0;
    }
    if (magnitude >= 100) {
      return 1;
    }
    if (magnitude >= 10) {
      return 2;
    }
    return 3;
  }

  static byte[] plot(SweepSummary summary) {
    SummaryMetric metric = summary.metric();
    List<SweepSummary.Row> rows = summary.rows().stream()
        .filter(row -> row.statistics().containsKey(metric.id()))
        .toList();
    CategoryChart chart = new CategoryChartBuilder()
        .width(PLOT_WIDTH)
        .height(PLOT_HEIGHT)
        .title(summary.index().name() + ": " + metric.label() + " per combination, mean ± std over seeds ("
            + (metric.better() == SummaryMetric.Better.LOWER ? "lower" : "higher") + " is better)")
        .yAxisTitle(metric.label())
        .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setAntiAlias(true);
    chart.getStyler().setXAxisLabelRotation(rows.size() > 6 ? 45 : 0);
    chart.getStyler().setErrorBarsColor(Color.BLACK);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    if (rows.isEmpty()) {
      chart.setTitle(summary.index().name() + ": no finished run has " + metric.label() + " yet");
      chart.addSeries(metric.label(), List.of("none"), List.of(0.0));
    } else {
      List<String> labels = rows.stream().map(SweepSummary.Row::label).toList();
      List<Double> means = rows.stream().map(row -> row.statistics().get(metric.id()).mean()).toList();
      List<Double> errors = rows.stream().map(row -> {
        double deviation = row.statistics().get(metric.id()).standardDeviation();
        return Double.isNaN(deviation) ? 0.0 : deviation;
      }).toList();
      chart.addSeries(metric.label(), labels, means, errors);
    }
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + PLOT + ": " + e.getMessage(), e);
    }
  }

  static String html(SweepSummary summary, Path directory, byte[] plot) {
    StringBuilder page = new StringBuilder();
    String title = "Sweep " + summary.index().name();
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f4f4f4}")
        .append("td.text,th.text{text-align:left}.failed{color:#b00}</style></head><body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n<p>")
        .append(escape(markdown(summary).lines().skip(2).findFirst().orElse("").replace("`", ""))).append("</p>\n");
    page.append("<h2>Combinations</h2>\n<table><tr><th>#</th>");
    List<String> axes = summary.index().axes();
    (axes.isEmpty() ? List.of("combination") : axes).forEach(axis -> page.append("<th class=\"text\">").append(escape(axis)).append("</th>"));
    page.append("<th>runs</th>");
    summary.columns().forEach(metric -> page.append("<th>").append(escape(metric.label())).append("</th>"));
    page.append("</tr>\n");
    int rank = 0;
    for (SweepSummary.Row row : summary.rows()) {
      page.append("<tr><td>").append(row.statistics().containsKey(summary.metric().id()) ? String.valueOf(++rank) : "–").append("</td>");
      if (axes.isEmpty()) {
        page.append("<td class=\"text\">").append(escape(row.combination())).append("</td>");
      } else {
        axes.forEach(axis -> page.append("<td class=\"text\">").append(escape(row.values().getOrDefault(axis, ""))).append("</td>"));
      }
      page.append("<td>").append(escape(runs(row))).append("</td>");
      summary.columns().forEach(metric -> page.append("<td>").append(escape(cell(row.statistics().get(metric.id())))).append("</td>"));
      page.append("</tr>\n");
    }
    page.append("</table>\n<p><img alt=\"").append(escape(summary.metric().label()))
        .append(" per combination\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(plot))
        .append("\"></p>\n<h2>Runs</h2>\n<table><tr><th class=\"text\">run</th><th class=\"text\">combination</th>")
        .append("<th>seed</th><th class=\"text\">state</th>");
    summary.columns().forEach(metric -> page.append("<th>").append(escape(metric.label())).append("</th>"));
    page.append("</tr>\n");
    for (SweepIndex.Entry entry : summary.index().runs()) {
      RunResult result = summary.runs().get(entry.name());
      String state = result == null ? "pending" : result.state().name().toLowerCase(Locale.ROOT);
      boolean hasReport = Files.exists(directory.resolve(entry.name()).resolve("index.html"));
      page.append("<tr><td class=\"text\">");
      if (hasReport) {
        page.append("<a href=\"").append(escape(entry.name())).append("/index.html\">").append(escape(entry.name())).append("</a>");
      } else {
        page.append(escape(entry.name()));
      }
      page.append("</td><td class=\"text\">").append(escape(entry.combination())).append("</td><td>").append(entry.seed())
          .append("</td><td class=\"text").append(state.equals("failed") ? " failed" : "").append("\">").append(escape(state))
          .append(result == null || result.detail().isEmpty() ? "" : ": " + escape(result.detail())).append("</td>");
      for (SummaryMetric metric : summary.columns()) {
        Double value = result == null ? null : result.metrics().get(metric.id());
        page.append("<td>").append(value == null ? "–" : escape(String.format(Locale.ROOT, "%." + decimals(value) + "f", value)))
            .append("</td>");
      }
      page.append("</tr>\n");
    }
    page.append("</table>\n<p>").append(escape(legend(summary).replace("`", "")).replace("\n", "<br>\n"))
        .append("</p>\n</body></html>\n");
    return page.toString();
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String cell : cells) {
      quoted.add(cell.contains(",") || cell.contains("\"") || cell.contains("\n")
          ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
    }
    return String.join(",", quoted) + "\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
