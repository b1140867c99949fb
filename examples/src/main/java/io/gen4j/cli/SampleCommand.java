package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.export.ImageGrid;
import io.gen4j.spi.ImageBatch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j sample --run DIR --n 64 --out FILE.png}. */
@Command(name = "sample", description = "Generate images with a run's latest checkpoint and write them as a PNG grid.")
final class SampleCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  private Path run;

  @CommandLine.Option(names = "--n", defaultValue = "64", paramLabel = "N", description = "Number of images (default: ${DEFAULT-VALUE}).")
  private int count;

  @CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the grid.")
  private Path out;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", description = "Seed of the latent batch (default: the run's seed, which gives its sample grids' batch).")
  private Long seed;

  SampleCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    long latentSeed = seed != null ? seed : gen4j.get().experiments().runConfig(run).seed();
    ImageBatch images = gen4j.get().experiments().sample(run, count, latentSeed);
    ImageGrid.write(images, ImageGrid.squareColumns(count), 2, out);
    spec.commandLine().getOut().printf("wrote %d samples to %s%n", count, out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
