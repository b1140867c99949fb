package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.tensorboard.EventFile;
import io.gen4j.testing.ColourImages;
import io.gen4j.testing.InMemoryRuns;
import io.gen4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A run on colour images: the sample grids, the animation, the report's embedded images and the
 * TensorBoard images are all in colour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColourRunOutputsTest {

  private Path run;

  @BeforeAll
  void train(@TempDir Path runs) {
    Gen4j gen4j = Gen4j.create();
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "colour", "seed": 4,
         "model": {"type": "tiny-gan", "latentSize": 8, "hidden": 32},
         "data": {"batchSize": 16},
         "training": {"steps": 40, "logInterval": 10, "sampleInterval": 10, "checkpointInterval": 40},
         "output": {"runsDirectory": "%s"}}
        """.formatted(runs.toString().replace("\\", "/")), "colour.json");
    ImageDataset discs = ColourImages.discs("discs", 128, 12, 16, 5);
    TrainingResult result = InMemoryRuns.train(gen4j, config, discs, discs);
    run = result.runDirectory();
  }

  @Test
  void sampleGridsAreColourPngsOfTheImagesShape() throws Exception {
    BufferedImage grid = ImageIO.read(run.resolve("samples/final.png").toFile());
    // 64 images of 12x16 in 8 columns, drawn twice their size, 2 pixels of padding
    assertThat(grid.getWidth()).isEqualTo(8 * 32 + 9 * 2);
    assertThat(grid.getHeight()).isEqualTo(8 * 24 + 9 * 2);
    assertThat(ColourImages.hasColour(grid)).isTrue();
  }

  @Test
  void theAnimationHasAColourFramePerGrid() throws Exception {
    List<BufferedImage> frames = gifFrames(Files.readAllBytes(run.resolve("samples.gif")));
    assertThat(frames).hasSize(5); // steps 0 (the untrained generator), 10, 20, 30 and 40
    assertThat(frames).allSatisfy(frame -> assertThat(ColourImages.hasColour(frame)).isTrue());
  }

  @Test
  void theReportEmbedsColourGridsAndTheColourAnimation() throws Exception {
    String html = Files.readString(run.resolve("index.html"));
    Matcher images = Pattern.compile("src=\"data:(image/(?:png|gif));base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int grids = 0;
    int animations = 0;
    while (images.find()) {
      byte[] bytes = Base64.getDecoder().decode(images.group(2));
      if (images.group(1).equals("image/gif")) {
        animations++;
        assertThat(gifFrames(bytes)).allSatisfy(frame -> assertThat(ColourImages.hasColour(frame)).isTrue());
      } else {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(bytes));
        if (picture.getWidth() == 8 * 32 + 9 * 2) {
          grids++;
          assertThat(ColourImages.hasColour(picture)).isTrue();
        }
      }
    }
    assertThat(animations).isEqualTo(1);
    assertThat(grids).isGreaterThanOrEqualTo(4);
  }

  @Test
  void tensorBoardImagesAreRgb() throws Exception {
    Path eventFile;
    try (Stream<Path> files = Files.list(run.resolve("tensorboard"))) {
      eventFile = files.findFirst().orElseThrow();
    }
    List<Summary.Image> images = new ArrayList<>();
    for (Event event : EventFile.read(eventFile)) {
      event.getSummary().getValueList().stream().filter(Summary.Value::hasImage)
          .forEach(value -> images.add(value.getImage()));
    }
    assertThat(images).hasSize(5); // steps 0, 10, 20, 30 and 40
    for (Summary.Image image : images) {
      assertThat(image.getColorspace()).isEqualTo(3);
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
      assertThat(png.getRaster().getNumBands()).isEqualTo(3);
      assertThat(ColourImages.hasColour(png)).isTrue();
    }
  }

  private static List<BufferedImage> gifFrames(byte[] gif) throws Exception {
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      reader.setInput(input);
      List<BufferedImage> frames = new ArrayList<>();
      for (int index = 0; index < reader.getNumImages(true); index++) {
        frames.add(reader.read(index));
      }
      return frames;
    } finally {
      reader.dispose();
    }
  }
}
