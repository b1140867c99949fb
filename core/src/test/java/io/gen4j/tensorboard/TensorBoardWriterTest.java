package io.gen4j.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.SamplesReady;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingEnded;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.TrainingStarted;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardWriterTest {

  @Test
  void writesScalarsAndTheSampleGridAsEventsTensorBoardReads(@TempDir Path run) throws IOException {
    Path directory = run.resolve("tensorboard");
    TensorBoardWriter writer = new TensorBoardWriter(directory);
    writer.onStart(new TrainingStarted(run, "tiny-gan", 0, 20, 4,
        Map.of("d_loss", MetricKind.LOSS, "d_real", MetricKind.UNIT_SCORE)));
    writer.afterStep(new StepCompleted(10, 20, 0, Map.of("d_loss", 0.5, "d_real", 0.75, "g_loss", 1.25), 300));
    writer.afterStep(new StepCompleted(20, 20, 1, Map.of("d_loss", 0.25, "d_real", 0.5, "g_loss", 2.5), 310));
    writer.onSamples(new SamplesReady(20, gradient(4, new ImageShape(3, 5, 1)), true));
    writer.onEnd(new TrainingEnded(20, run, Map.of(), Duration.ofSeconds(1)));

    List<Event> events = EventFile.read(onlyEventFile(directory));

    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    Map<String, Map<Long, Float>> scalars = new LinkedHashMap<>();
    List<Summary.Value> images = new ArrayList<>();
    List<Long> imageSteps = new ArrayList<>();
    for (Event event : events) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        if (value.hasImage()) {
          images.add(value);
          imageSteps.add(event.getStep());
        } else {
          scalars.computeIfAbsent(value.getTag(), tag -> new LinkedHashMap<>()).put(event.getStep(), value.getSimpleValue());
        }
      }
    }
    // Declared kinds group the series in TensorBoard; a metric of undeclared kind keeps its plain name.
    assertThat(scalars).containsOnlyKeys("loss/d_loss", "score/d_real", "g_loss", "throughput/images_per_second");
    assertThat(scalars.get("loss/d_loss")).containsExactly(Map.entry(10L, 0.5f), Map.entry(20L, 0.25f));
    assertThat(scalars.get("score/d_real")).containsExactly(Map.entry(10L, 0.75f), Map.entry(20L, 0.5f));
    assertThat(scalars.get("g_loss")).containsExactly(Map.entry(10L, 1.25f), Map.entry(20L, 2.5f));
    assertThat(scalars.get("throughput/images_per_second")).containsExactly(Map.entry(10L, 300f), Map.entry(20L, 310f));

    assertThat(images).extracting(Summary.Value::getTag).containsExactly("samples/image");
    assertThat(imageSteps).containsExactly(20L);
    Summary.Image image = images.get(0).getImage();
    // 4 images in a 2x2 grid, each drawn twice its size, with 2 pixels of padding around and between.
    assertThat(image.getWidth()).isEqualTo(2 * 10 + 3 * 2);
    assertThat(image.getHeight()).isEqualTo(2 * 6 + 3 * 2);
    assertThat(image.getColorspace()).isEqualTo(1);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
    assertThat(png.getWidth()).isEqualTo(image.getWidth());
    assertThat(png.getRaster().getSample(2, 2, 0)).isZero();
    // the last pixel of the fourth image (bottom right cell): the brightest
    assertThat(png.getRaster().getSample(2 + 12 + 9, 2 + 8 + 5, 0)).isCloseTo(255, within(1));
  }

  @Test
  void corruptedEventFileFailsTheChecksum(@TempDir Path run) throws IOException {
    Path directory = run.resolve("tensorboard");
    TensorBoardWriter writer = new TensorBoardWriter(directory);
    writer.onStart(new TrainingStarted(run, "tiny-gan", 0, 10, 4));
    writer.afterStep(new StepCompleted(10, 10, 0, Map.of("d_loss", 0.5), 300));
    writer.onEnd(new TrainingEnded(10, run, Map.of(), Duration.ofSeconds(1)));
    Path file = onlyEventFile(directory);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> EventFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data checksum mismatch");
  }

  @Test
  void writingBeforeStartNamesTheMissingCall(@TempDir Path run) {
    TensorBoardWriter writer = new TensorBoardWriter(run);
    assertThatThrownBy(() -> writer.afterStep(new StepCompleted(1, 1, 0, Map.of(), 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("TensorBoardWriter: onStart was not called before writing to " + run);
  }

  /** Pixel values rising from 0 at the first pixel of the first image to 1 at the last of the last. */
  static ImageBatch gradient(int count, ImageShape shape) {
    float[] pixels = new float[count * shape.size()];
    for (int index = 0; index < pixels.length; index++) {
      pixels[index] = index / (float) (pixels.length - 1);
    }
    return new ImageBatch(shape, count, pixels);
  }

  private static Path onlyEventFile(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getFileName().toString()).startsWith("events.out.tfevents.").endsWith(".gen4j");
      return all.get(0);
    }
  }
}
