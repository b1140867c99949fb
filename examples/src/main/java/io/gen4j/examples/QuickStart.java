package io.gen4j.examples;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OutputConfig;
import io.gen4j.export.ImageGrid;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;

/** Trains a small GAN on the bundled MNIST for a few hundred steps and saves a grid of its samples. */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) {
    TrainingResult result = train(300, Path.of("runs"), Path.of("quick-start.png"));
    System.out.println("trained " + result.steps() + " steps; samples in quick-start.png, report in "
        + result.runDirectory().resolve("index.html"));
  }

  /** Trains {@code steps} steps in a new run directory under {@code runs} and writes 64 samples to {@code grid}. */
  public static TrainingResult train(long steps, Path runs, Path grid) {
    Gen4j gen4j = Gen4j.create(); // finds the model plugins on the class path (gen4j-models-gan here)
    ExperimentConfig config = gen4j.configLoader().parse("""
        {
          "name": "quick-start",
          "model": {"type": "gan", "generatorLayers": [128, 256], "discriminatorLayers": [256, 128]},
          "data": {"batchSize": 64},
          "training": {"logInterval": 50, "sampleInterval": 100}
        }
        """, "quick-start config");
    config = config
        .withTraining(config.training().withSteps(steps)) // the record's other fields stay as they are
        .withOutput(new OutputConfig(runs.toString()));
    TrainingResult result = gen4j.experiments().train(config, List.of()); // progress goes to the log
    ImageBatch samples = gen4j.experiments().sample(result.runDirectory(), 64, 1L);
    ImageGrid.write(samples, 8, 2, grid); // 8 columns, each digit at twice its size
    return result;
  }
}
