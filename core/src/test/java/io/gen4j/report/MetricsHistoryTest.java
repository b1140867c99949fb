package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.TrainingWarning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHistoryTest {

  @Test
  void everyNumericKeyButStepAndEpochIsASeries() {
    MetricsHistory history = MetricsHistory.parse(List.of(
        "{\"step\":10,\"epoch\":0,\"d_loss\":0.7,\"g_loss\":0.9,\"images_per_second\":100.0}",
        "{\"step\":20,\"epoch\":0,\"d_loss\":0.6,\"g_loss\":1.1,\"images_per_second\":110.0,\"note\":\"text\"}"), "m.jsonl");

    assertThat(history.series()).containsOnlyKeys("d_loss", "g_loss", "images_per_second");
    assertThat(history.series().get("d_loss")).containsExactly(new MetricPoint(10, 0.7), new MetricPoint(20, 0.6));
    assertThat(history.latest()).containsEntry("g_loss", new MetricPoint(20, 1.1));
  }

  @Test
  void keysOnSomeLinesOnlyAreSeriesWithFewerPoints() {
    MetricsHistory history = MetricsHistory.parse(List.of(
        "{\"step\":10,\"loss\":100.0}",
        "{\"step\":20,\"loss\":90.0,\"test_elbo\":-95.5}",
        "{\"step\":30,\"loss\":85.0}"), "m.jsonl");

    assertThat(history.series().get("test_elbo")).containsExactly(new MetricPoint(20, -95.5));
    assertThat(history.latest()).containsExactly(
        Map.entry("loss", new MetricPoint(30, 85.0)), Map.entry("test_elbo", new MetricPoint(20, -95.5)));
  }

  @Test
  void linesOfAResumedRunReplaceTheOnesFromTheirStepOn() {
    MetricsHistory history = MetricsHistory.parse(List.of(
        "{\"step\":10,\"loss\":3.0}",
        "{\"step\":20,\"loss\":2.0}",
        "{\"step\":30,\"loss\":1.0}",
        "{\"step\":20,\"loss\":2.5}",
        "{\"step\":30,\"loss\":1.5}"), "m.jsonl");

    assertThat(history.series().get("loss"))
        .containsExactly(new MetricPoint(10, 3.0), new MetricPoint(20, 2.5), new MetricPoint(30, 1.5));
  }

  @Test
  void warningLinesAreWarningsNotSeriesAndDoNotCutTheHistory() {
    MetricsHistory history = MetricsHistory.parse(List.of(
        "{\"step\":10,\"d_loss\":0.5}",
        "{\"step\":20,\"d_loss\":0.01}",
        "{\"step\":20,\"warning\":\"discriminator-wins\",\"message\":\"the discriminator wins outright\"}",
        "{\"step\":30,\"warning\":\"rollback\",\"message\":\"step 30: d_loss is NaN; rolled back to step 10\"}",
        "{\"step\":20,\"d_loss\":0.4}"), "m.jsonl");

    // the warning at step 20 does not replace the metrics line of step 20, the resumed line does
    assertThat(history.series()).containsOnlyKeys("d_loss");
    assertThat(history.series().get("d_loss")).containsExactly(new MetricPoint(10, 0.5), new MetricPoint(20, 0.4));
    assertThat(history.warnings()).containsExactly(
        new TrainingWarning(20, "discriminator-wins", "the discriminator wins outright"),
        new TrainingWarning(30, "rollback", "step 30: d_loss is NaN; rolled back to step 10"));
  }

  @Test
  void warningLineWithoutAMessageNamesTheLine() {
    assertThatThrownBy(() -> MetricsHistory.parse(List.of("{\"step\":5,\"warning\":\"rollback\"}"), "m.jsonl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m.jsonl:1: a warning line needs a text \"warning\" and a text \"message\", got "
            + "{\"step\":5,\"warning\":\"rollback\"}");
  }

  @Test
  void missingFileIsAnEmptyHistory(@TempDir Path directory) {
    assertThat(MetricsHistory.read(directory.resolve("metrics.jsonl")).isEmpty()).isTrue();
  }

  @Test
  void badLinesNameTheFileAndLine(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":10,\"loss\":1.0}\n\n{\"loss\":2.0}\n");
    assertThatThrownBy(() -> MetricsHistory.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":3: expected a JSON object with an integer \"step\", got {\"loss\":2.0}");

    Files.writeString(file, "{\"step\":10,\"loss\":1.0}\n{\"step\":20,\"lo\n");
    assertThatThrownBy(() -> MetricsHistory.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ":2: not a JSON object: ");
  }
}
