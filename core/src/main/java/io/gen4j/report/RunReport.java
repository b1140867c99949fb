package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.files.AtomicFiles;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.train.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The run report, {@code index.html}: one self-contained page (every image embedded as a {@code data:}
 * URI, a content security policy that forbids loading anything else) with the run's status, the
 * warnings of the run, the latest value of every metrics series (evaluation values included), the
 * figures of {@code gen4j eval} when the run has been evaluated (a table as {@code gen4j eval} prints it,
 * and the class histogram as a bar chart), the metrics as SVG charts with aligned step axes (side by
 * side where the window is wide enough), an animation of the fixed-noise samples across training (each
 * frame labelled with its step), the sample grid of every interval, the config and the provenance.
 * Alongside it, the animation is written as {@code samples.gif}.
 *
 * <p>Everything is read from the run directory ({@code config.json}, {@code provenance.json}, {@code
 * status.json}, {@code metrics.jsonl} with its warning lines, {@code eval.json}, {@code
 * samples/step-NNNNNNNN.png}), so {@link #rewrite(Path)} rebuilds the report of any run.
 */
public final class RunReport {

  private static final Pattern GRID_NAME = Pattern.compile("step-(\\d+)\\.png");

  private RunReport() {}

  /**
   * Records the status in {@code status.json}, then writes {@code index.html} and, once there are two
   * sample grids, {@code samples.gif}, each atomically.
   */
  public static void write(RunDirectory run, RunStatus status) {
    requireNonNull(run, "run is null");
    requireNonNull(status, "status is null");
    RunStatus.write(status, run.statusFile());
    render(run, status);
  }

  /**
   * Rebuilds {@code index.html} (and {@code samples.gif}) of a run from its directory alone, with the
   * status recorded in {@code status.json}: for a command that adds to a finished run, such as {@code
   * gen4j eval} writing {@code eval.json}.
   *
   * @param runDirectory a run directory (it has a {@code config.json})
   * @throws IllegalArgumentException naming the file when it is no run directory or a file in it is
   *     malformed
   */
  public static void rewrite(Path runDirectory) {
    RunDirectory run = RunDirectory.open(runDirectory);
    render(run, RunStatus.read(run.statusFile()));
  }

  private static void render(RunDirectory run, RunStatus status) {
    List<SampleGrid> grids = sampleGrids(run.samplesDirectory());
    Optional<byte[]> animation = animation(grids);
    animation.ifPresent(gif -> AtomicFiles.write(run.samplesAnimation(), gif));
    String page = html(run, status, grids, animation);
    AtomicFiles.write(run.reportFile(), page.getBytes(StandardCharsets.UTF_8));
  }

  /** A sample grid of the run directory, with the step it was drawn at. */
  record SampleGrid(long step, byte[] png) {}

  static List<SampleGrid> sampleGrids(Path directory) {
    List<SampleGrid> grids = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Matcher name = GRID_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          grids.add(new SampleGrid(Long.parseLong(name.group(1)), Files.readAllBytes(file)));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample grids in " + directory + ": " + e.getMessage(), e);
    }
    grids.sort(Comparator.comparingLong(SampleGrid::step));
    return grids;
  }

  private static Optional<byte[]> animation(List<SampleGrid> grids) {
    if (grids.size() < 2) {
      return Optional.empty();
    }
    List<BufferedImage> frames = new ArrayList<>();
    for (int index : SampleAnimation.pick(grids.size())) {
      try {
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(grids.get(index).png()));
        if (frame == null) {
          throw new IOException("not a PNG");
        }
        frames.add(SampleAnimation.labelled(frame, "step " + grids.get(index).step()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            String.format(Locale.ROOT, "cannot read the sample grid of step %d: %s", grids.get(index).step(), e.getMessage()), e);
      }
    }
    return Optional.of(SampleAnimation.gif(frames));
  }

  static String html(RunDirectory run, RunStatus status, List<SampleGrid> grids, Optional<byte[]> animation) {
    String configText = readText(run.configFile())
        .orElseThrow(() -> new IllegalArgumentException(run.configFile() + ": missing; the report shows the run's config"));
    String modelType = parse(run.configFile(), configText).path("model").path("type").asText("unknown");
    MetricsHistory history = MetricsHistory.read(run.metricsFile());
    MetricKinds kinds = MetricKinds.read(run.metricKindsFile());
    String title = run.path().getFileName().toString();

    StringBuilder page = new StringBuilder();
    page.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        """);
    page.append("<title>").append(escape(title)).append(" · gen4j</title>\n");
    page.append("""
        <style>
        body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1840px; padding: 0 1.5em; color: #222; }
        h1 { margin-bottom: 0.2em; }
        .status { color: #555; margin-top: 0; }
        .status.failed, .error { color: #b00020; }
        a.warned { color: #a05a00; }
        #warnings td { vertical-align: top; }
        table.details th { font-weight: normal; color: #555; vertical-align: top; }
        table { border-collapse: collapse; }
        th, td { padding: 0.25em 1em 0.25em 0; text-align: left; }
        td.value { font-variant-numeric: tabular-nums; text-align: right; }
        img { max-width: 100%; }
        img.samples { image-rendering: pixelated; }
        .grids { display: flex; flex-wrap: wrap; gap: 1em; }
        figure { margin: 0; }
        .grids img { width: 234px; }
        figcaption { color: #555; font-size: 0.9em; }
        .panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 1.2em 2em; }
        .panel figcaption { font-weight: 600; color: #333; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart text { font-family: system-ui, sans-serif; font-size: 11px; fill: #444; }
        svg.chart .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg.chart .x-axis, svg.chart .tick-mark { stroke: #888; stroke-width: 1; }
        ul.legend { list-style: none; margin: 0.2em 0 0 62px; padding: 0; font-size: 0.85em; color: #333; }
        ul.legend li { display: inline-block; margin-right: 1.2em; }
        .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.35em; vertical-align: -0.1em; border-radius: 2px; }
        .overview { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 660px), 1fr)); gap: 1em 3em; align-items: start; }
        .histogram { max-width: 640px; }
        p.note { color: #555; font-size: 0.9em; }
        table.evaluation th { font-weight: 600; }
        table.evaluation th, table.evaluation td { white-space: nowrap; }
        pre { background: #f5f5f5; padding: 1em; overflow-x: auto; }
        footer { color: #888; font-size: 0.8em; margin-top: 3em; }
        </style>
        </head>
        <body>
        """);
    List<TrainingWarning> warnings = history.warnings();
    page.append("<header>\n<h1>").append(escape(title)).append("</h1>\n");
    page.append("<p class=\"status").append(status instanceof RunStatus.Failed ? " failed" : "").append("\">model <b>")
        .append(escape(modelType)).append("</b> · ").append(escape(status.describe()));
    if (!warnings.isEmpty()) {
      page.append(" · <a class=\"warned\" href=\"#warnings\">").append(warnings.size())
          .append(warnings.size() == 1 ? " warning" : " warnings").append("</a>");
    }
    page.append("</p>\n</header>\n");

    if (!warnings.isEmpty()) {
      page.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n");
      page.append("<table>\n<tr><th>step</th><th>warning</th><th>message</th></tr>\n");
      for (TrainingWarning warning : warnings) {
        page.append("<tr><td class=\"value\">").append(warning.step()).append("</td><td>").append(escape(warning.kind()))
            .append("</td><td>").append(escape(warning.message())).append("</td></tr>\n");
      }
      page.append("</table>\n</section>\n");
    }

    page.append("<div class=\"overview\">\n<section id=\"figures\">\n<h2>")
        .append(status instanceof RunStatus.Finished ? "Final figures" : "Latest figures").append("</h2>\n");
    if (history.isEmpty()) {
      page.append("<p>No metrics logged yet.</p>\n");
    } else {
      page.append("<table>\n<tr><th>series</th><th>kind</th><th>value</th><th>at step</th></tr>\n");
      List<Map.Entry<String, MetricPoint>> rows = new ArrayList<>(history.latest().entrySet());
      // By panel (losses, scores, other, throughput), in the order the series first appeared within one.
      rows.sort(Comparator.comparing(row -> LossPlot.Panel.of(row.getKey(), history.series().get(row.getKey()), kinds)));
      for (Map.Entry<String, MetricPoint> latest : rows) {
        LossPlot.Panel panel = LossPlot.Panel.of(latest.getKey(), history.series().get(latest.getKey()), kinds);
        page.append("<tr><td>").append(escape(latest.getKey())).append("</td><td>").append(escape(panel.title()))
            .append("</td><td class=\"value\">")
            .append(String.format(Locale.ROOT, "%.4g", latest.getValue().value())).append("</td><td class=\"value\">")
            .append(latest.getValue().step()).append("</td></tr>\n");
      }
      page.append("</table>\n");
    }
    page.append("</section>\n");

    readText(run.evaluationFile()).ifPresent(evaluation -> page.append(EvaluationSection.html(run.evaluationFile(), evaluation)));
    page.append("</div>\n");

    if (!LossPlot.panels(history, kinds).isEmpty()) {
      page.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n");
      page.append(MetricsChart.panels(history, kinds));
      page.append("</section>\n");
    }

    page.append("<section id=\"animation\">\n<h2>Samples across training</h2>\n");
    if (animation.isPresent()) {
      page.append("<p>The fixed-noise samples from step ").append(grids.get(0).step()).append(" to step ")
          .append(grids.get(grids.size() - 1).step()).append(", looping; each frame is labelled with its step.</p>\n");
      image(page, "image/gif", animation.get(), "the fixed-noise samples across training, animated", "samples");
    } else {
      page.append("<p>No animation yet: it needs two sample grids, and this run has ").append(grids.size() == 0
          ? "none so far"
          : "one so far (step " + grids.get(0).step() + ")").append(". Grids are drawn at step 0, every ")
          .append("training.sampleInterval steps and at the end.</p>\n");
    }
    page.append("</section>\n");

    page.append("<section id=\"samples\">\n<h2>Sample grids</h2>\n");
    if (grids.isEmpty()) {
      page.append("<p>No samples drawn yet.</p>\n");
    } else {
      page.append("<p>The same fixed noise batch at every sample interval.</p>\n<div class=\"grids\">\n");
      for (SampleGrid grid : grids) {
        page.append("<figure>");
        image(page, "image/png", grid.png(), "samples at step " + grid.step(), "samples");
        page.append("<figcaption>step ").append(grid.step()).append("</figcaption></figure>\n");
      }
      page.append("</div>\n");
    }
    page.append("</section>\n");

    page.append("<section id=\"config\">\n<h2>Config</h2>\n<pre>").append(escape(configText.strip())).append("</pre>\n</section>\n");
    readText(run.provenanceFile()).ifPresent(provenance -> page
        .append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<pre>").append(escape(provenance.strip()))
        .append("</pre>\n</section>\n"));
    page.append("<footer>Written by gen4j at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" from ").append(escape(run.path().toAbsolutePath().toString())).append(".</footer>\n");
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  private static void image(StringBuilder page, String mediaType, byte[] bytes, String description, String kind) {
    page.append("<img class=\"").append(kind).append("\" alt=\"").append(escape(description)).append("\" src=\"data:")
        .append(mediaType).append(";base64,").append(Base64.getEncoder().encodeToString(bytes)).append("\">\n");
  }

  private static Optional<String> readText(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(Path file, String configText) {
    try {
      return JsonMapper.builder().build().readTree(configText);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
    }
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char character : text.toCharArray()) {
      switch (character) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(character);
      }
    }
    return escaped.toString();
  }
}
