package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.train.RunDirectory;
import io.gen4j.train.TrainingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

  private static final Pattern IMAGE_SOURCE = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");
  private static final Pattern DATA_URI = Pattern.compile("data:image/(png|gif);base64,([A-Za-z0-9+/=]+)");

  @Test
  void finishedRunShowsFiguresPlotAnimationEveryGridAndTheConfig(@TempDir Path runs) throws Exception {
    RunDirectory run = ReportFixture.finishedRun(runs);
    String page = Files.readString(run.reportFile());

    assertThat(page).contains("<h1>report-test-20250102-030405</h1>");
    assertThat(page).contains("model <b>tiny-gan</b> · finished: 40 steps in 0:00:03");
    assertThat(page).contains("<h2>Final figures</h2>");
    assertThat(page).contains("<tr><td>d_loss</td><td class=\"value\">1.100</td><td class=\"value\">40</td></tr>");
    assertThat(page).contains("<tr><td>images_per_second</td><td class=\"value\">940.0</td><td class=\"value\">40</td></tr>");
    // an evaluation value logged on some lines only shows with the step it was last logged at
    assertThat(page).contains("<tr><td>test_score</td><td class=\"value\">10.00</td><td class=\"value\">40</td></tr>");
    assertThat(page).contains("<figcaption>step 10</figcaption>", "<figcaption>step 20</figcaption>",
        "<figcaption>step 30</figcaption>", "<figcaption>step 40</figcaption>");
    assertThat(page).contains("The fixed-noise samples from step 10 to step 40, looping.");
    assertThat(page).contains("&quot;name&quot; : &quot;report&lt;test&gt;&amp;co&quot;").doesNotContain("report<test>");
    assertThat(page).contains("<h2>Provenance</h2>");

    List<String> sources = imageSources(page);
    assertThat(sources).hasSize(1 + 1 + 4);
    List<byte[]> images = new ArrayList<>();
    for (String source : sources) {
      Matcher data = DATA_URI.matcher(source);
      assertThat(data.matches()).as("a data URI: %s", source.substring(0, Math.min(40, source.length()))).isTrue();
      byte[] bytes = Base64.getDecoder().decode(data.group(2));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image).as("image %d decodes", images.size()).isNotNull();
      images.add(bytes);
    }
    assertThat(images.get(1)).isEqualTo(Files.readAllBytes(run.samplesAnimation()));
    assertThat(images.get(2)).isEqualTo(Files.readAllBytes(run.samplesDirectory().resolve("step-00000010.png")));
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
        "No samples drawn yet.");
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

  static List<String> imageSources(String page) {
    List<String> sources = new ArrayList<>();
    Matcher matcher = IMAGE_SOURCE.matcher(page);
    while (matcher.find()) {
      sources.add(matcher.group(1));
    }
    return sources;
  }
}
