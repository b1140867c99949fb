package io.gen4j.train.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingFailed;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.spi.TrainingWarning;
import io.gen4j.train.TrainingException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarDisplayTest {

  /** What a GAN logs: losses, D's outputs, both networks' gradient norms. */
  private static Map<String, Double> ganMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("d_loss", 0.693147);
    metrics.put("g_loss", 1.25);
    metrics.put("d_real", 0.512345);
    metrics.put("d_fake", 0.487654);
    metrics.put("discriminator_grad_norm", 12.3456);
    metrics.put("generator_grad_norm", 0.0123456);
    return metrics;
  }

  private static ProgressFrame frame(long step) {
    return new ProgressFrame("train gan", 0, step, 5000, Duration.ofSeconds(62), 2, 6123.4, ganMetrics());
  }

  @Test
  void atEightyColumnsTheBarIsRealAndEveryMetricIsOnLinesOfItsOwn() {
    List<String> lines = frame(2100).lines(80);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(0)).startsWith("train gan  42% [").contains("] 2100/5000  1:02<1:25  epoch 2  6123 img/s");
    assertThat(lines.get(0).substring(lines.get(0).indexOf('['), lines.get(0).indexOf(']') + 1))
        .hasSizeGreaterThanOrEqualTo(ProgressFrame.MINIMUM_BAR);
    assertThat(String.join("\n", lines.subList(1, lines.size()))).isEqualTo(
        "d 0.6931  g 1.250  d_real 0.5123  d_fake 0.4877  D_grad 12.35  G_grad 0.01235");
  }

  @Test
  void atOneHundredSixtyColumnsEverythingFitsOnOneLine() {
    List<String> lines = frame(2100).lines(160);

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).hasSizeLessThanOrEqualTo(160)
        .startsWith("train gan  42% [")
        .endsWith("] 2100/5000  1:02<1:25  epoch 2  6123 img/s  d 0.6931  g 1.250  d_real 0.5123"
            + "  d_fake 0.4877  D_grad 12.35  G_grad 0.01235");
    String bar = lines.get(0).substring(lines.get(0).indexOf('['), lines.get(0).indexOf(']') + 1);
    assertThat(bar.length()).isGreaterThanOrEqualTo(ProgressFrame.MINIMUM_BAR);
    // 42% of the bar's cells are filled
    long filled = bar.chars().filter(character -> character == '█').count();
    assertThat(filled).isBetween((long) ((bar.length() - 2) * 0.42) - 1, (long) ((bar.length() - 2) * 0.42) + 1);
  }

  @Test
  void manyMetricsWrapBetweenMetricsAndNarrowTerminalsDropTheLeastImportantParts() {
    Map<String, Double> many = new LinkedHashMap<>(ganMetrics());
    for (int index = 0; index < 12; index++) {
      many.put("metric_" + index, index * 1000.5);
    }
    List<String> lines = new ProgressFrame("train plugin-model", 0, 10, 200, Duration.ofSeconds(5), 0, 12.0, many)
        .lines(80);
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(String.join("  ", lines.subList(1, lines.size()))).contains("metric_11 11006", "metric_9 9005");
    List<String> narrow = frame(50).lines(40);
    assertThat(narrow).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
    assertThat(narrow.get(0)).startsWith("train gan   1% [");
  }

  @Test
  void valuesKeepFourSignificantDigitsAndNamesAreShort() {
    assertThat(MetricText.value(0.693147)).isEqualTo("0.6931");
    assertThat(MetricText.value(1234.56)).isEqualTo("1235");
    assertThat(MetricText.value(12345.6)).isEqualTo("12346");
    assertThat(MetricText.value(123456.0)).isEqualTo("1.23e+05");
    assertThat(MetricText.value(0.0000123)).isEqualTo("1.23e-05");
    assertThat(MetricText.value(0)).isEqualTo("0.000");
    assertThat(MetricText.value(-96.07)).isEqualTo("-96.07");
    assertThat(MetricText.shortName("generator_learning_rate")).isEqualTo("G_lr");
    assertThat(MetricText.shortName("negative_elbo")).isEqualTo("-elbo");
    assertThat(MetricText.shortName("plugin_score")).isEqualTo("plugin_score");
    assertThat(MetricText.shortName("d_loss")).isEqualTo("d");
  }

  @Test
  void displayPrintsTheRunDirectoryAndReportThenRedrawsInPlaceAtTheInjectedWidth() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBarDisplay display = new ProgressBarDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80);
    display.onStart(new TrainingStarted(Path.of("runs/x"), "gan", 0, 5000, 64));
    display.afterStep(new StepCompleted(2100, 5000, 2, ganMetrics(), 6123.4));
    display.onWarning(new TrainingWarning(2100, "discriminator-wins", "the discriminator wins outright"));
    display.onEnd(new TrainingEnded(5000, Path.of("runs/x"), ganMetrics(), Duration.ofSeconds(3)));

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(output).startsWith("training gan for 5000 steps in runs/x\nreport: "
        + Path.of("runs/x", "index.html") + "\n");
    // a two-line frame is erased by going back to its first line and clearing to the end of the screen
    assertThat(output).contains("\r\033[1A\033[J");
    String warning = "warning at step 2100 (discriminator-wins): the discriminator wins outright\n";
    assertThat(output).contains("\033[J" + warning);
    String last = output.substring(output.lastIndexOf("\033[J") + 3);
    assertThat(last).startsWith("train gan 100% [").contains("5000/5000").endsWith("G_grad 0.01235\n");
    for (String line : output.replace("\r", "\n").replaceAll("\033\\[\\d*[AJK]", "").split("\n")) {
      if (line.startsWith("train gan") || line.startsWith("d ")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
      }
    }
  }

  @Test
  void aRunThatEndsBeforeTheBarsThreadFirstDrawsStillEndsBelowItsLastFrame() {
    // the race a loaded CI machine hit: the bar closed before its refresh thread had run once
    for (int run = 0; run < 300; run++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ProgressBarDisplay display = new ProgressBarDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80);
      display.onStart(new TrainingStarted(Path.of("runs/x"), "gan", 0, 10, 64));
      display.onEnd(new TrainingEnded(10, Path.of("runs/x"), Map.of(), Duration.ofSeconds(1)));
      String output = bytes.toString(StandardCharsets.UTF_8);
      assertThat(output).as("run %d", run).contains("10/10").endsWith("\n");
      assertThat(output.substring(output.lastIndexOf("10/10"))).as("run %d", run).containsOnlyOnce("\n");
    }
  }

  @Test
  void failureIsPrintedAboveAndStepBeforeStartNamesTheMissingCall() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBarDisplay display = new ProgressBarDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), 160);
    assertThatThrownBy(() -> display.afterStep(new StepCompleted(5, 10, 0, Map.of(), 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ProgressBarDisplay: onStart was not called before step 5");
    display.onStart(new TrainingStarted(Path.of("runs/x"), "vae", 100, 200, 32));
    display.afterStep(new StepCompleted(150, 200, 3, Map.of("negative_elbo", 95.5), 100));
    display.onFailure(new TrainingFailed(151, new TrainingException("step 151: negative_elbo is NaN; training stopped")));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(output).startsWith("resuming vae at step 100 of 200 in runs/x\n");
    assertThat(output).contains("\033[Jtraining failed at step 151: step 151: negative_elbo is NaN; training stopped\n");
    assertThat(output).contains(" 75% [", "150/200", "-elbo 95.50");
  }

  @Test
  void printedProgressNeedsNoLoggingFramework() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintedProgress progress = new PrintedProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    progress.onStart(new TrainingStarted(Path.of("runs/x"), "gan", 0, 100, 64));
    progress.afterStep(new StepCompleted(50, 100, 0, Map.of("d_loss", 0.5), 1000));
    progress.onEnd(new TrainingEnded(100, Path.of("runs/x"), Map.of(), Duration.ofSeconds(65)));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("training gan for 100 steps in runs/x");
    assertThat(lines.get(2)).startsWith("step 50/100 epoch 0  d_loss=0.5000  1000 img/s  eta ");
    assertThat(lines.get(3)).isEqualTo("finished 100 steps in 1:05: " + Path.of("runs/x", "index.html"));
  }
}
