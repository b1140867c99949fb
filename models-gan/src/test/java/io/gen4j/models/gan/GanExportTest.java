package io.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.train.Sampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Exporting a GAN that samples with averaged generator weights exports the averaged weights. */
class GanExportTest {

  private static final int LATENT_SIZE = 16;

  private final Gen4j gen4j = Gen4j.create();

  @Test
  void anAveragedGeneratorIsExportedWithItsAveragedWeights(@TempDir Path work) {
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "gan-ema-export", "seed": 7,
         "model": {"type": "gan", "latentSize": %d, "generatorLayers": [32], "discriminatorLayers": [32],
                   "ema": {"decay": 0.5, "startStep": 0}},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": 4, "logInterval": 2, "sampleInterval": 4, "checkpointInterval": 4},
         "output": {"runsDirectory": "%s"}}
        """.formatted(LATENT_SIZE, work.resolve("runs").toString().replace("\\", "/")), "ema.json");
    Path run = gen4j.experiments().train(config, List.of()).runDirectory();
    Path out = work.resolve("export");
    gen4j.exporter().export(run, out, false);

    int count = 5;
    float[] latents = Sampler.gaussianLatents(3, count, LATENT_SIZE);
    float[] expected = gen4j.experiments().sample(run, count, 3).toArray();
    try (SavedModelBundle bundle = SavedModelBundle.load(out.toString(), "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(count, LATENT_SIZE), DataBuffers.of(latents, true, false));
        Result result = bundle.function("serving_default").call(Map.of("latent", input))) {
      float[] actual = new float[expected.length];
      ((TFloat32) result.get("images").orElseThrow()).copyTo(DataBuffers.of(actual, false, false));
      assertThat(actual).containsExactly(expected, within(1e-6f));

      List<String> variables = new ArrayList<>();
      for (Iterator<GraphOperation> iterator = bundle.graph().operations(); iterator.hasNext(); ) {
        GraphOperation operation = iterator.next();
        if (operation.type().equals("VarHandleOp") || operation.type().startsWith("Variable")) {
          variables.add(operation.name());
        }
      }
      assertThat(variables).isNotEmpty().allMatch(name -> name.startsWith("generator_ema."));
    }
    try (ExportedGenerator generator = ExportedGenerator.load(out)) {
      assertThat(generator.sample(count, 3).toArray()).containsExactly(expected, within(1e-6f));
    }
  }
}
