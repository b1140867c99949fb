package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.MetricKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {

  private static MetricsHistory ganHistory(int lines) {
    List<String> text = new ArrayList<>();
    for (int line = 1; line <= lines; line++) {
      text.add(String.format(java.util.Locale.ROOT,
          "{\"step\":%d,\"epoch\":0,\"d_fake\":%.3f,\"d_loss\":%.3f,\"d_real\":%.3f,\"g_loss\":%.3f,\"images_per_second\":%d}",
          line * 10, 0.3 + line * 0.01, 1.4 - line * 0.01, 0.7 - line * 0.01, 0.7 + line * 0.02, 1000 + line));
    }
    return MetricsHistory.parse(text, "m.jsonl");
  }

  @Test
  void lossesScoresAndThroughputGetPanelsOfTheirOwn() {
    assertThat(LossPlot.panels(ganHistory(3), MetricKinds.NONE)).containsExactly(
        Map.entry(LossPlot.Panel.LOSSES, List.of("d_loss", "g_loss")),
        Map.entry(LossPlot.Panel.UNIT_SCORES, List.of("d_fake", "d_real")),
        Map.entry(LossPlot.Panel.THROUGHPUT, List.of("images_per_second")));
  }

  @Test
  void withoutADeclaredKindTheNameThenTheValuesDecide() {
    List<MetricPoint> large = List.of(new MetricPoint(10, 95.0), new MetricPoint(20, 0.5));
    assertThat(LossPlot.Panel.of("reconstruction_loss", large, MetricKinds.NONE)).isEqualTo(LossPlot.Panel.LOSSES);
    assertThat(LossPlot.Panel.of("test_elbo", large, MetricKinds.NONE)).isEqualTo(LossPlot.Panel.OTHER);
    assertThat(LossPlot.Panel.of("test_elbo", large.subList(1, 2), MetricKinds.NONE)).isEqualTo(LossPlot.Panel.UNIT_SCORES);
  }

  @Test
  void aDeclaredKindDecidesWhateverTheNameAndValues() {
    List<MetricPoint> small = List.of(new MetricPoint(10, 0.04), new MetricPoint(20, 0.03));
    MetricKinds kinds = new MetricKinds(Map.of("mse", MetricKind.LOSS, "d_loss_ratio", MetricKind.OTHER,
        "accuracy", MetricKind.UNIT_SCORE));
    assertThat(LossPlot.Panel.of("mse", small, kinds)).isEqualTo(LossPlot.Panel.LOSSES);
    assertThat(LossPlot.Panel.of("d_loss_ratio", small, kinds)).isEqualTo(LossPlot.Panel.OTHER);
    assertThat(LossPlot.Panel.of("accuracy", List.of(new MetricPoint(1, 3.0)), kinds)).isEqualTo(LossPlot.Panel.UNIT_SCORES);
    // An evaluation series takes the kind of its score.
    assertThat(LossPlot.Panel.of("mnist-test mse", small, kinds)).isEqualTo(LossPlot.Panel.LOSSES);
    assertThat(LossPlot.Panel.of("images_per_second", small, kinds)).isEqualTo(LossPlot.Panel.THROUGHPUT);
  }

  @Test
  void seriesWithoutAFiniteValueAreLeftOut() {
    MetricsHistory history = MetricsHistory.parse(List.of("{\"step\":1,\"loss\":NaN,\"kl\":2.5}"), "m.jsonl");
    assertThat(LossPlot.panels(history, MetricKinds.NONE)).containsExactly(Map.entry(LossPlot.Panel.OTHER, List.of("kl")));
  }

  @Test
  void writesOnePanelPerScaleAsAPng(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("loss.png");
    LossPlot.write(ganHistory(40), MetricKinds.NONE, file);

    BufferedImage plot = ImageIO.read(file.toFile());
    assertThat(plot.getWidth()).isEqualTo(LossPlot.WIDTH);
    assertThat(plot.getHeight()).isEqualTo(3 * LossPlot.PANEL_HEIGHT);
    for (int panel = 0; panel < 3; panel++) {
      assertThat(colouredPixels(plot, panel)).as("coloured pixels of panel %d", panel).isGreaterThan(200);
    }
  }

  @Test
  void emptyHistoryHasNothingToPlot() {
    assertThatThrownBy(() -> LossPlot.render(MetricsHistory.parse(List.of(), "m.jsonl"), MetricKinds.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no metrics to plot: metrics.jsonl has no lines yet");
  }

  /** Pixels whose red, green and blue differ: the series lines (axes, text and background are grey). */
  private static int colouredPixels(BufferedImage plot, int panel) {
    int count = 0;
    for (int y = panel * LossPlot.PANEL_HEIGHT; y < (panel + 1) * LossPlot.PANEL_HEIGHT; y++) {
      for (int x = 0; x < plot.getWidth(); x++) {
        int rgb = plot.getRGB(x, y);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 60) {
          count++;
        }
      }
    }
    return count;
  }
}
