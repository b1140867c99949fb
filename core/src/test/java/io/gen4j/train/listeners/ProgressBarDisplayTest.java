package io.gen4j.train.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressBarDisplayTest {

  private final List<String> frames = new CopyOnWriteArrayList<>();
  private final ProgressBarDisplay display = new ProgressBarDisplay(new DelegatingProgressBarConsumer(frames::add, 200));

  @Test
  void drawsStepsEpochThroughputAndMetricsAfterEachLoggedStep() {
    display.onStart(new TrainingStarted(Path.of("runs/x"), "tiny-gan", 0, 200, 32));
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("d_loss", 0.6931);
    metrics.put("g_loss", 1.25);
    display.afterStep(new StepCompleted(50, 200, 1, metrics, 1234.4));

    String frame = frames.get(frames.size() - 1);
    assertThat(frame)
        .contains("train tiny-gan")
        .contains(" 25%")
        .contains("50/200 steps")
        .contains("epoch 1  1234 img/s  d_loss=0.6931 g_loss=1.2500");

    display.onEnd(new TrainingEnded(200, Path.of("runs/x"), metrics, Duration.ofSeconds(3)));
    assertThat(frames.get(frames.size() - 1)).contains("100%").contains("200/200 steps");
  }

  @Test
  void resumedRunStartsTheBarAtItsFirstStep() {
    display.onStart(new TrainingStarted(Path.of("runs/x"), "tiny-gan", 100, 200, 32));
    display.afterStep(new StepCompleted(150, 200, 3, Map.of("d_loss", 0.5), 100));
    assertThat(frames.get(frames.size() - 1)).contains(" 75%").contains("150/200 steps");
  }

  @Test
  void stepBeforeStartNamesTheMissingCall() {
    assertThatThrownBy(() -> display.afterStep(new StepCompleted(5, 10, 0, Map.of(), 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ProgressBarDisplay: onStart was not called before step 5");
  }
}
