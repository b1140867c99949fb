package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.export.SampleFormat;
import io.gen4j.spi.ImageBatch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j sample (--run DIR | --model EXPORT_DIR) --n 64 --out OUT [--format grid|pngs|npy]}. */
@Command(
    name = "sample",
    description = {
      "Generate images with a run's latest checkpoint or an exported model.",
      "Formats: grid (one PNG), pngs (a new or empty directory of sample-NNNN.png), npy (a NumPy float32 array in [0, 1],"
          + " (N, H, W) for grey images, (N, H, W, C) otherwise). Without --format, --out decides: a .png file is a grid,"
          + " a .npy file an array, a directory or a name without extension PNGs."
    })
final class SampleCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  @CommandLine.Option(names = "--n", defaultValue = "64", paramLabel = "N", description = "Number of images (default: ${DEFAULT-VALUE}).")
  private int count;

  @CommandLine.Option(names = "--out", required = true, paramLabel = "OUT", description = "Where to write the images: FILE.png, FILE.npy or a directory.")
  private Path out;

  @CommandLine.Option(names = "--format", paramLabel = "FORMAT", description = "grid, pngs or npy (default: from --out).")
  private String format;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", description = "Seed of the latent batch (default: the run's seed, which gives its sample grids' batch).")
  private Long seed;

  SampleCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  /** Where the images come from: a run or an export. */
  static final class Source {
    @CommandLine.Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
    private Path run;

    @CommandLine.Option(names = "--model", required = true, paramLabel = "EXPORT_DIR", description = "A directory gen4j export wrote.")
    private Path model;
  }

  @Override
  public Integer call() {
    SampleFormat sampleFormat = format != null ? SampleFormat.named(format) : SampleFormat.forPath(out);
    ImageBatch images;
    if (source.model != null) {
      try (ExportedGenerator generator = ExportedGenerator.load(source.model)) {
        images = generator.sample(count, seed != null ? seed : generator.manifest().runSeed());
      }
    } else {
      long latentSeed = seed != null ? seed : gen4j.get().experiments().runConfig(source.run).seed();
      images = gen4j.get().experiments().sample(source.run, count, latentSeed);
    }
    sampleFormat.write(images, out);
    spec.commandLine().getOut().printf("wrote %d samples to %s (%s)%n", count, out, sampleFormat.id());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
