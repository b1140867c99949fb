package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.train.RunDirectory;
import io.gen4j.train.TrainingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

  private static final Pattern IMAGE_SOURCE = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");
  private static final Pattern DATA_URI = Pattern.compile("data:image/(png|gif);base64,([A-Za-z0-9+/=]+)");

  @TempDir static Path shared;

  /** The finished run the tests read, written once; a test that changes it works on a copy. */
  private static RunDirectory finished;

  @BeforeAll
  static void writeFinishedRun() throws IOException {
    finished = ReportFixture.finishedRun(shared);
  }

  @Test
  void finishedRunShowsFiguresPlotAnimationEveryGridAndTheConfig() throws Exception {
    RunDirectory run = finished;
    String page = Files.readString(run.reportFile());

    assertThat(page).contains("<h1>report-test-20250102-030405</h1>");
    assertThat(page).contains("model <b>tiny-gan</b> · finished: 40 steps in 0:00:03");
    assertThat(page).contains("<h2>Final figures</h2>");
    assertThat(page).contains("<tr><td>d_loss</td><td>losses</td><td class=\"value\">1.100</td><td class=\"value\">40</td></tr>");
    assertThat(page).contains("<tr><td>images_per_second</td><td>throughput (images per second)</td><td class=\"value\">940.0</td><td class=\"value\">40</td></tr>");
    // an evaluation value logged on some lines only shows with the step it was last logged at
    assertThat(page).contains("<tr><td>test_score</td><td>other metrics</td><td class=\"value\">10.00</td><td class=\"value\">40</td></tr>");
    assertThat(page).contains("<figcaption>step 0</figcaption>", "<figcaption>step 10</figcaption>",
        "<figcaption>step 20</figcaption>", "<figcaption>step 30</figcaption>", "<figcaption>step 40</figcaption>");
    assertThat(page).contains("The fixed-noise samples from step 0 to step 40, looping; each frame is labelled with its step.");
    // the metrics as SVG charts with aligned axes: one per panel, the same step range in each
    assertThat(page).contains("<div class=\"panels\">", "<figcaption>losses</figcaption>",
        "<figcaption>scores in [0, 1]</figcaption>", "<figcaption>throughput (images per second)</figcaption>");
    assertThat(page.split("<line class=\"x-axis\" x1=\"62\" y1=\"210.0\" x2=\"622.0\" y2=\"210.0\"/>", -1))
        .hasSize(1 + LossPlot.panels(MetricsHistory.read(run.metricsFile()), MetricKinds.read(run.metricKindsFile())).size());
    assertThat(page).contains("<text class=\"tick x\" x=\"62.0\" y=\"227.0\" text-anchor=\"middle\">0</text>",
        "<text class=\"tick x\" x=\"622.0\" y=\"227.0\" text-anchor=\"middle\">40</text>");
    assertThat(page).contains("&quot;name&quot; : &quot;report&lt;test&gt;&amp;co&quot;").doesNotContain("report<test>");
    assertThat(page).contains("<h2>Provenance</h2>");
    // the warning line of metrics.jsonl, linked from the header
    assertThat(page).contains("finished: 40 steps in 0:00:03 · <a class=\"warned\" href=\"#warnings\">1 warning</a></p>");
    assertThat(page).contains("<tr><td class=\"value\">25</td><td>discriminator-wins</td><td>the discriminator wins"
        + " outright: d_loss 0.0100 and D(G(z)) 0.0100 for 5 logged intervals &lt;here&gt;</td></tr>");
    assertThat(page).doesNotContain("<h2>Evaluation</h2>");
    // readable by whoever may read the run's other files: the umask decides, not owner-only temporary files
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Path plain = Files.writeString(shared.resolve("plain.txt"), "x");
      assertThat(Files.getPosixFilePermissions(run.reportFile())).isEqualTo(Files.getPosixFilePermissions(plain));
      assertThat(Files.getPosixFilePermissions(run.samplesAnimation())).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    List<String> sources = imageSources(page);
    assertThat(sources).hasSize(1 + 5);
    List<byte[]> images = new ArrayList<>();
    for (String source : sources) {
      Matcher data = DATA_URI.matcher(source);
      assertThat(data.matches()).as("a data URI: %s", source.substring(0, Math.min(40, source.length()))).isTrue();
      byte[] bytes = Base64.getDecoder().decode(data.group(2));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image).as("image %d decodes", images.size()).isNotNull();
      images.add(bytes);
    }
    assertThat(images.get(0)).isEqualTo(Files.readAllBytes(run.samplesAnimation()));
    assertThat(images.get(1)).isEqualTo(Files.readAllBytes(run.samplesDirectory().resolve("step-00000000.png")));
    assertThat(images.get(5)).isEqualTo(Files.readAllBytes(run.samplesDirectory().resolve("step-00000040.png")));
    assertThat(run.lossPlot()).isRegularFile();
    // self-contained: nothing is fetched from anywhere
    assertThat(page).doesNotContain("http:", "https:", "src=\"file", "<script");
    assertThat(page).contains("content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"");
  }

  @Test
  void startedRunHasAReportBeforeAnyMetricsOrSamples(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.startedRun(runs);
    new RunReportWriter(run).onStart(new TrainingStarted(run.path(), "tiny-gan", 0, 40, 64));

    String page = Files.readString(run.reportFile());
    assertThat(page).contains("training: step 0 of 40", "<h2>Latest figures</h2>", "No metrics logged yet.",
        "No samples drawn yet.", "No animation yet: it needs two sample grids, and this run has none so far.");
    assertThat(imageSources(page)).isEmpty();
    assertThat(run.samplesAnimation()).doesNotExist();
  }

  @Test
  void failedRunSaysWhereAndWhy(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.startedRun(runs);
    List<TrainingListener> listeners = ReportFixture.listeners(run);
    listeners.forEach(listener -> listener.onStart(new TrainingStarted(run.path(), "tiny-gan", 0, 40, 64)));
    TrainingFailed failed = new TrainingFailed(7, new TrainingException("step 7: d_loss is NaN; training stopped"));
    listeners.forEach(listener -> listener.onFailure(failed));

    assertThat(Files.readString(run.reportFile()))
        .contains("<p class=\"status failed\">model <b>tiny-gan</b> · failed at step 7: step 7: d_loss is NaN; training stopped</p>");
  }

  @Test
  void rewriteFromTheDirectoryAloneKeepsTheStatusAndShowsEvalJsonAsTheCliTable(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.copy(finished, runs);
    Files.writeString(run.evaluationFile(), ReportFixture.EVALUATION);

    RunReport.rewrite(run.path());

    String page = Files.readString(run.reportFile());
    assertThat(page).contains("model <b>tiny-gan</b> · finished: 40 steps in 0:00:03", "<h2>Evaluation</h2>",
        "<p>10000 samples against mnist&#39;s test split (10000 images); seed 1, KID over 100 subsets. Feature network:"
            + " mnist, test accuracy 99.12%.</p>",
        // the CLI's columns, KID x1000, and a score only the model row has as a column of its own
        "<tr><th></th><th class=\"value\">FID</th><th class=\"value\">KID ×1000</th><th class=\"value\">IS</th>"
            + "<th class=\"value\">class KL</th><th class=\"value\">precision</th><th class=\"value\">recall</th>"
            + "<th class=\"value\">sharpness</th></tr>",
        "<tr><th>model</th><td class=\"value\">23.457</td><td class=\"value\">12.300</td><td class=\"value\">–</td>"
            + "<td class=\"value\">–</td><td class=\"value\">–</td><td class=\"value\">–</td>"
            + "<td class=\"value\">0.5000</td></tr>",
        "<tr><th>reference (train vs test)</th><td class=\"value\">0.988</td><td class=\"value\">0.100</td>",
        // the class histogram as bars
        "<figcaption>predicted class of each image (the feature network's classifier)</figcaption>",
        "<title>model, class 1: 1020</title>", "<title>reference, class 0: 1000</title>",
        "<h3>Scores the run logged</h3>", "<tr><td>test_score</td><td class=\"value\">4.0000</td><td class=\"value\">40</td>",
        "Evaluated 2026-01-02T03:04:05Z (eval.json).");
    assertThat(page.indexOf("<h2>Final figures</h2>")).isLessThan(page.indexOf("<h2>Evaluation</h2>"));

    // a samples file's evaluation has no run metrics
    Files.writeString(run.evaluationFile(), ReportFixture.EVALUATION.replaceFirst("\"runMetrics\" : \\{[^\n]*\n", "\"runMetrics\" : { },\n"));
    RunReport.rewrite(run.path());
    assertThat(Files.readString(run.reportFile())).doesNotContain("<h3>Scores the run logged</h3>");
  }

  @Test
  void aRunWithOneSampleGridSaysWhyItHasNoAnimation(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.startedRun(runs);
    List<TrainingListener> listeners = ReportFixture.listeners(run);
    listeners.forEach(listener -> listener.onStart(new TrainingStarted(run.path(), "tiny-gan", 0, 40, 64)));
    listeners.forEach(listener -> listener.onSamples(new io.gen4j.spi.SamplesReady(0,
        new io.gen4j.spi.ImageBatch(io.gen4j.spi.ImageShape.MNIST, 4, new float[4 * 784]), false)));

    assertThat(Files.readString(run.reportFile()))
        .contains("No animation yet: it needs two sample grids, and this run has one so far (step 0).");
    assertThat(run.samplesAnimation()).doesNotExist();
  }

  @Test
  void malformedEvalJsonIsShownNotThrown(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.copy(finished, runs);

    Files.writeString(run.evaluationFile(), "{\"model\": {\"fid\": 1.0}}");
    RunReport.rewrite(run.path());
    assertThat(Files.readString(run.reportFile()))
        .contains("<p class=\"error\">eval.json: expected objects &quot;model&quot; and &quot;reference&quot; to compare</p>");

    Files.writeString(run.evaluationFile(), "{\"model\": ");
    RunReport.rewrite(run.path());
    assertThat(Files.readString(run.reportFile())).contains("<p class=\"error\">eval.json: not JSON: ");
  }

  @Test
  void rewriteNamesWhatIsMissingOrMalformed(@TempDir Path runs) throws Exception {
    assertThatThrownBy(() -> RunReport.rewrite(runs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(runs + ": not a gen4j run directory (no config.json)");

    RunDirectory run = ReportFixture.startedRun(runs);
    RunReport.rewrite(run.path());
    assertThat(Files.readString(run.reportFile())).contains("model <b>tiny-gan</b> · status not recorded (no status.json)");

    Files.writeString(run.statusFile(), "{\"state\": \"paused\"}");
    assertThatThrownBy(() -> RunReport.rewrite(run.path()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(run.statusFile() + ": $.state: expected \"running\", \"finished\" or \"failed\", got \"paused\"");
  }

  @Test
  void failedStatusIsRecordedAndRestored(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.startedRun(runs);
    RunReport.write(run, new RunStatus.Failed(7, "step 7: d_loss is NaN"));
    Files.delete(run.reportFile());

    RunReport.rewrite(run.path());

    assertThat(Files.readString(run.reportFile())).contains("failed at step 7: step 7: d_loss is NaN");
  }

  @Test
  void anyModelTypeGetsThePlotAndTheReportFromItsOwnMetricNames(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.startedRun(runs);
    Files.writeString(run.configFile(), "{\"model\": {\"type\": \"vae\"}}");
    List<TrainingListener> listeners = ReportFixture.listeners(run);
    // An autoencoder's mse is a loss whatever its values: the kind the model declared decides the panel.
    listeners.forEach(listener -> listener.onStart(new TrainingStarted(run.path(), "vae", 0, 20, 64,
        Map.of("negative_elbo", MetricKind.LOSS, "mse", MetricKind.LOSS, "kl_divergence", MetricKind.OTHER))));
    for (long step = 10; step <= 20; step += 10) {
      Map<String, Double> metrics = new java.util.LinkedHashMap<>();
      metrics.put("negative_elbo", 200.0 - step);
      metrics.put("mse", 0.05);
      metrics.put("kl_divergence", 20.0);
      StepCompleted logged = new StepCompleted(step, 20, 0, metrics, 500);
      listeners.forEach(listener -> listener.afterStep(logged));
    }
    TrainingEnded ended = new TrainingEnded(20, run.path(), Map.of(), Duration.ofSeconds(1));
    listeners.forEach(listener -> listener.onEnd(ended));

    MetricKinds kinds = MetricKinds.read(run.metricKindsFile());
    assertThat(kinds.of("mse")).contains(MetricKind.LOSS);
    assertThat(LossPlot.panels(MetricsHistory.read(run.metricsFile()), kinds)).containsExactly(
        Map.entry(LossPlot.Panel.LOSSES, List.of("mse", "negative_elbo")),
        Map.entry(LossPlot.Panel.OTHER, List.of("kl_divergence")),
        Map.entry(LossPlot.Panel.THROUGHPUT, List.of("images_per_second")));
    assertThat(run.lossPlot()).isRegularFile();
    assertThat(Files.readString(run.reportFile())).contains("model <b>vae</b> · finished: 20 steps",
        "<tr><td>negative_elbo</td><td>losses</td><td class=\"value\">180.0</td><td class=\"value\">20</td></tr>",
        "<tr><td>mse</td><td>losses</td><td class=\"value\">0.05000</td><td class=\"value\">20</td></tr>",
        "No samples drawn yet.").doesNotContain("<h2>Warnings</h2>");
  }

  static List<String> imageSources(String page) {
    List<String> sources = new ArrayList<>();
    Matcher matcher = IMAGE_SOURCE.matcher(page);
    while (matcher.find()) {
      sources.add(matcher.group(1));
    }
    return sources;
  }
}
