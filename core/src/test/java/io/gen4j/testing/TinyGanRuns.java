package io.gen4j.testing;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import java.nio.file.Path;
import java.util.List;

/** Short real training runs of the {@code tiny-gan} test model, for tests that need a run directory. */
public final class TinyGanRuns {

  /** Steps each run trains; it is checkpointed at the end. */
  public static final int STEPS = 3;

  /** Latent size of the runs' tiny GAN. */
  public static final int LATENT_SIZE = 8;

  private TinyGanRuns() {}

  /** Trains {@link #STEPS} steps on 64 MNIST images into a new run directory under {@code runs}. */
  public static Path train(Gen4j gen4j, Path runs, long seed) {
    ExperimentConfig config = gen4j.configLoader().parse("""
        {"name": "tiny", "seed": %d,
         "model": {"type": "tiny-gan", "latentSize": %d, "hidden": 16},
         "data": {"batchSize": 16, "limit": 64},
         "training": {"steps": %d, "logInterval": 1, "sampleInterval": %d, "checkpointInterval": %d},
         "output": {"runsDirectory": "%s"}}
        """.formatted(seed, LATENT_SIZE, STEPS, STEPS, STEPS, runs.toString().replace("\\", "/")), "tiny.json");
    return gen4j.experiments().train(config, List.of()).runDirectory();
  }
}
