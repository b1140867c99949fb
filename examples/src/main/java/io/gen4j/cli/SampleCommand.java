package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.export.ExportedGenerator;
import io.gen4j.export.ImageGrid;
import io.gen4j.export.SampleFormat;
import io.gen4j.security.ModelTrust;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.Reconstructions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gen4j sample (--run DIR | --model EXPORT_DIR) --n 64 --out OUT [--format grid|pngs|npy]
 * [--mode sample|reconstruct|interpolate|manifold]}.
 */
@Command(
    name = "sample",
    description = {
      "Generate images with a run's latest checkpoint or an exported model.",
      "Formats: grid (one PNG), pngs (a new or empty directory of sample-NNNN.png), npy (a NumPy float32 array in [0, 1],"
          + " (N, H, W) for grey images, (N, H, W, C) otherwise). Without --format, --out decides: a .png file is a grid,"
          + " a .npy file an array, a directory or a name without extension PNGs.",
      "Modes (--mode; all but sample need --run):",
      "  sample       images decoded from standard normal latents (every model)",
      "  reconstruct  test images, each row above its reconstructions (models with an encoder, e.g. vae)",
      "  interpolate  per row: a test image, decodings along the line between its code and another's, that image",
      "  manifold     a grid over the standard normal quantiles of a 2-D latent space"
    })
final class SampleCommand implements Callable<Integer> {

  /** The modes, in the order the help lists them. */
  static final List<String> MODES = List.of("sample", "reconstruct", "interpolate", "manifold");

  /** Images per row of a reconstruction grid. */
  static final int RECONSTRUCTION_COLUMNS = 8;

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  @CommandLine.Option(names = "--mode", defaultValue = "sample", paramLabel = "MODE",
      description = "sample, reconstruct, interpolate or manifold (default: ${DEFAULT-VALUE}).")
  private String mode;

  @CommandLine.Option(names = "--n", paramLabel = "N",
      description = "sample: images (default 64); reconstruct: test images (default 32); interpolate: pairs, one row each (default 8).")
  private Integer count;

  @CommandLine.Option(names = "--steps", defaultValue = "10", paramLabel = "STEPS",
      description = "interpolate: decoded images per row, both ends included (default: ${DEFAULT-VALUE}).")
  private int steps;

  @CommandLine.Option(names = "--size", defaultValue = "20", paramLabel = "SIZE",
      description = "manifold: images per side of the grid (default: ${DEFAULT-VALUE}).")
  private int size;

  @CommandLine.Option(names = "--out", required = true, paramLabel = "OUT", description = "Where to write the images: FILE.png, FILE.npy or a directory.")
  private Path out;

  @CommandLine.Option(names = "--format", paramLabel = "FORMAT", description = "grid, pngs or npy (default: from --out).")
  private String format;

  @CommandLine.Option(names = "--trust-model",
      description = "Load --model without checking its graph against the allowed ops. DANGEROUS: a model file is a"
          + " program, and an unchecked one can read and write any file gen4j can. Only for models you trust.")
  private boolean trustModel;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED",
      description = "Seed of the latent batch or of the choice of test images (default: the run's seed, which gives its sample grids' batch).")
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
    if (!MODES.contains(mode)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--mode must be one of " + String.join(", ", MODES) + ", got '" + mode + "'");
    }
    if (!mode.equals("sample") && source.run == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--mode " + mode + " needs --run: it reads the run's test split and checkpoint");
    }
    SampleFormat sampleFormat = format != null ? SampleFormat.named(format) : SampleFormat.forPath(out);
    PrintWriter printer = spec.commandLine().getOut();
    if (mode.equals("sample")) {
      int images = count != null ? count : 64;
      ImageBatch batch;
      if (source.model != null) {
        try (ExportedGenerator generator =
            ExportedGenerator.load(source.model, trustModel ? ModelTrust.TRUSTED : ModelTrust.CHECKED)) {
          batch = generator.sample(images, seed != null ? seed : generator.manifest().runSeed());
        }
      } else {
        long latentSeed = seed != null ? seed : gen4j.get().experiments().runConfig(source.run).seed();
        batch = gen4j.get().experiments().sample(source.run, images, latentSeed);
      }
      sampleFormat.write(batch, out);
      printer.printf("wrote %d samples to %s (%s)%n", images, out, sampleFormat.id());
      printer.flush();
      return 0;
    }
    Path run = source.run;
    long chosenSeed = seed != null ? seed : gen4j.get().experiments().runConfig(run).seed();
    switch (mode) {
      case "reconstruct" -> {
        int images = count != null ? count : 32;
        Reconstructions reconstructions = gen4j.get().latentSpace().reconstruct(run, images, chosenSeed);
        int columns = Math.min(RECONSTRUCTION_COLUMNS, images);
        write(reconstructions.rows(columns), columns, sampleFormat);
        printer.printf("wrote %d test images and their reconstructions to %s (%s)%n", images, out, sampleFormat.id());
      }
      case "interpolate" -> {
        int pairs = count != null ? count : 8;
        write(gen4j.get().latentSpace().interpolate(run, pairs, steps, chosenSeed), steps + 2, sampleFormat);
        printer.printf("wrote %d interpolations of %d steps between test images to %s (%s)%n", pairs, steps, out,
            sampleFormat.id());
      }
      default -> {
        write(gen4j.get().latentSpace().manifold(run, size), size, sampleFormat);
        printer.printf("wrote the %dx%d latent manifold to %s (%s)%n", size, size, out, sampleFormat.id());
      }
    }
    printer.flush();
    return 0;
  }

  /** A grid keeps the mode's rows; the other formats hold the images in grid order. */
  private void write(ImageBatch images, int columns, SampleFormat sampleFormat) {
    if (sampleFormat == SampleFormat.GRID) {
      ImageGrid.write(images, columns, SampleFormat.GRID_SCALE, out);
    } else {
      sampleFormat.write(images, out);
    }
  }
}
