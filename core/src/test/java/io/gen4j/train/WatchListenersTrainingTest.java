package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import io.gen4j.tensorboard.EventFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A short real run of the test-only {@code tiny-gan} through {@link Experiments}: every model type
 * gets the metrics plot, TensorBoard event files and the run report, and the progress display is the
 * one chosen with {@link Experiments#withProgress}.
 */
class WatchListenersTrainingTest {

  @Test
  void shortRunWritesPlotTensorBoardEventsAndReport(@TempDir Path runs) throws Exception {
    Gen4j gen4j = Gen4j.create();
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "watch", "seed": 5,
         "model": {"type": "tiny-gan"},
         "data": {"batchSize": 16, "limit": 160},
         "training": {"steps": 20, "logInterval": 5, "sampleInterval": 10, "checkpointInterval": 20},
         "output": {"runsDirectory": "%s"}}
        """.formatted(runs.toString().replace("\\", "/")), "watch.json");
    List<String> progress = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onStart(TrainingStarted event) {
        progress.add("start " + event.firstStep() + "-" + event.totalSteps());
      }

      @Override
      public void afterStep(StepCompleted event) {
        progress.add("step " + event.step());
      }

      @Override
      public void onSamples(SamplesReady event) {
        progress.add("samples " + event.step());
      }

      @Override
      public void onEnd(TrainingEnded event) {
        progress.add("end " + event.step());
      }
    };

    TrainingResult result = gen4j.experiments().withProgress(() -> recorder).train(config, List.of());

    assertThat(progress).containsExactly(
        "start 0-20", "samples 0", "step 5", "step 10", "samples 10", "step 15", "step 20", "samples 20", "end 20");
    RunDirectory run = RunDirectory.open(result.runDirectory());

    BufferedImage plot = ImageIO.read(run.lossPlot().toFile());
    assertThat(plot.getWidth()).isEqualTo(io.gen4j.report.LossPlot.WIDTH);

    Path eventFile;
    try (Stream<Path> files = Files.list(run.tensorBoardDirectory())) {
      eventFile = files.filter(file -> file.getFileName().toString().startsWith("events.out.tfevents.")).findFirst().orElseThrow();
    }
    Map<String, TreeSet<Long>> steps = new TreeMap<>();
    for (Event event : EventFile.read(eventFile)) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        steps.computeIfAbsent(value.getTag(), tag -> new TreeSet<>()).add(event.getStep());
      }
    }
    // Tagged by the kind core declared: the objectives' default losses and the gradient norms.
    assertThat(steps).containsOnlyKeys("loss/discriminator_loss", "loss/generator_loss", "other/discriminator_grad_norm",
        "other/generator_grad_norm", "throughput/images_per_second", "samples/image");
    assertThat(steps.get("loss/generator_loss")).containsExactly(5L, 10L, 15L, 20L);
    assertThat(steps.get("samples/image")).containsExactly(0L, 10L, 20L);

    String report = Files.readString(run.reportFile());
    assertThat(report).contains("model <b>tiny-gan</b> · finished: 20 steps in ", "<h2>Final figures</h2>",
        "<figcaption>step 0</figcaption>", "<figcaption>step 10</figcaption>", "<figcaption>step 20</figcaption>",
        "<h2>Samples across training</h2>");
    assertThat(run.samplesAnimation()).isRegularFile();
  }
}
