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
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarDisplayTest {

  private static final String ERASE_LINE = "\r\033[K";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ProgressBarDisplay display =
      new ProgressBarDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200);

  @Test
  void drawsStepsEpochThroughputAndMetricsAfterEachLoggedStep() {
    display.onStart(new TrainingStarted(Path.of("runs/x"), "tiny-gan", 0, 200, 32));
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("d_loss", 0.6931);
    metrics.put("g_loss", 1.25);
    display.afterStep(new StepCompleted(50, 200, 1, metrics, 1234.4));

    assertThat(lastFrame())
        .contains("train tiny-gan")
        .contains(" 25%")
        .contains("50/200 steps")
        .contains("epoch 1  1234 img/s  d_loss=0.6931 g_loss=1.2500");

    display.onEnd(new TrainingEnded(200, Path.of("runs/x"), metrics, Duration.ofSeconds(3)));
    assertThat(output()).endsWith("\n");
    assertThat(lastFrame()).contains("100%").contains("200/200 steps");
  }

  @Test
  void resumedRunStartsTheBarAtItsFirstStep() {
    display.onStart(new TrainingStarted(Path.of("runs/x"), "vae", 100, 200, 32));
    display.afterStep(new StepCompleted(150, 200, 3, Map.of("negative_elbo", 95.5), 100));
    assertThat(lastFrame()).contains("train vae").contains(" 75%").contains("150/200 steps").contains("negative_elbo=95.5000");
  }

  @Test
  void warningsAndFailuresArePrintedAsLinesAboveTheBar() {
    display.onStart(new TrainingStarted(Path.of("runs/x"), "tiny-gan", 0, 200, 32));
    display.afterStep(new StepCompleted(50, 200, 1, Map.of("d_loss", 0.01), 1000));
    display.onWarning(new TrainingWarning(50, "discriminator-wins", "the discriminator wins outright"));

    // the bar's line is erased, the warning printed on it, and the bar drawn again on the next line
    String output = output();
    String warning = ERASE_LINE + "warning at step 50 (discriminator-wins): the discriminator wins outright\n";
    assertThat(output).contains(warning);
    assertThat(output.substring(output.lastIndexOf(warning) + warning.length())).contains("50/200 steps");

    display.onFailure(new TrainingFailed(51, new TrainingException("step 51: d_loss is NaN; training stopped")));
    assertThat(output()).contains(ERASE_LINE + "training failed at step 51: step 51: d_loss is NaN; training stopped\n");
  }

  @Test
  void stepBeforeStartNamesTheMissingCall() {
    assertThatThrownBy(() -> display.afterStep(new StepCompleted(5, 10, 0, Map.of(), 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ProgressBarDisplay: onStart was not called before step 5");
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** What the terminal shows on the bar's line: everything after the last erase. */
  private String lastFrame() {
    String output = output();
    return output.substring(output.lastIndexOf(ERASE_LINE) + ERASE_LINE.length());
  }
}
