package io.gen4j.models.dcgan;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ImageShape;
import io.gen4j.testing.ColourImages;
import io.gen4j.testing.InMemoryRuns;
import io.gen4j.train.ImageInput;
import io.gen4j.train.ModelAssembly;
import io.gen4j.train.TrainingResult;
import io.gen4j.train.listeners.SampleGridWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operation;

/** Short real DCGAN runs on 32x32 and 64x64 colour images, and the default layers at 64x64. */
class DcganColourTrainingTest {

  private final Gen4j gen4j = Gen4j.create();

  private TrainingResult train(Path runs, ImageDataset dataset, String filters) {
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "dcgan-colour", "seed": 3,
         "model": {"type": "dcgan", "latentSize": 16, "kernelSize": 3, %s},
         "data": {"batchSize": 16},
         "training": {"steps": 6, "logInterval": 3, "sampleInterval": 3, "checkpointInterval": 6},
         "output": {"runsDirectory": "%s"}}
        """.formatted(filters, runs.toString().replace("\\", "/")), "dcgan-colour.json");
    return InMemoryRuns.train(gen4j, config, dataset, dataset);
  }

  @Test
  void thirtyTwoByThirtyTwoColourRunTrainsAndDrawsAColourGrid(@TempDir Path runs) throws Exception {
    TrainingResult result = train(runs, ColourImages.discs("discs-32", 64, 32, 32, 1),
        "\"generatorFilters\": [16, 8, 4], \"discriminatorFilters\": [4, 8, 8]");
    assertTrained(result, 32);
  }

  @Test
  void sixtyFourBySixtyFourColourRunTrainsAndDrawsAColourGrid(@TempDir Path runs) throws Exception {
    TrainingResult result = train(runs, ColourImages.discs("discs-64", 48, 64, 64, 2),
        "\"generatorFilters\": [16, 8, 8, 4], \"discriminatorFilters\": [4, 8, 8, 8]");
    assertTrained(result, 64);
  }

  private static void assertTrained(TrainingResult result, int side) throws Exception {
    assertThat(result.steps()).isEqualTo(6);
    assertThat(result.lastMetrics()).containsKeys("d_loss", "g_loss");
    result.lastMetrics().values().forEach(value -> assertThat(value).isFinite());
    BufferedImage grid = ImageIO.read(result.runDirectory().resolve("samples/final.png").toFile());
    // 8 columns of images drawn at twice their size, with 2 pixels of padding around each
    assertThat(grid.getWidth()).isEqualTo(8 * side * SampleGridWriter.SCALE + 9 * 2);
    assertThat(ColourImages.hasColour(grid)).as("the grid has pixels whose channels differ").isTrue();
  }

  @Test
  void defaultConfigAtSixtyFourBuildsTheDocumentedLayers() {
    GenerativeModel model = new DcganProvider().create(DcganConfig.DEFAULT);
    try (ModelAssembly assembly =
        ModelAssembly.build(model, new ImageShape(64, 64, 3), 0, 2, 1, Map.of(), ImageInput.FED)) {
      assertThat(shape(assembly, "generator.project.kernel")).containsExactly(100, 4 * 4 * 512);
      assertThat(shape(assembly, "generator.deconv1.kernel")).containsExactly(5, 5, 256, 512);
      assertThat(shape(assembly, "generator.deconv3.kernel")).containsExactly(5, 5, 64, 128);
      assertThat(shape(assembly, "generator.output.kernel")).containsExactly(5, 5, 3, 64);
      assertThat(shape(assembly, "discriminator.conv4.kernel")).containsExactly(5, 5, 256, 512);
      assertThat(shape(assembly, "discriminator.output.kernel")).containsExactly(4 * 4 * 512, 1);
      assertThat(assembly.modelGraph().samples().shape().asArray()).containsExactly(-1, 64, 64, 3);
    }
  }

  private static long[] shape(ModelAssembly assembly, String variable) {
    Operation operation = assembly.graph().operation(variable);
    assertThat(operation).as(variable).isNotNull();
    return operation.output(0).shape().asArray();
  }
}
