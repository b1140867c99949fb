package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.export.ImageGrid;
import io.gen4j.spi.ImageBatch;
import io.gen4j.train.Reconstructions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j sample --run DIR [--mode sample|reconstruct|interpolate|manifold] --out FILE.png}. */
@Command(name = "sample", description = {
    "Write a PNG grid made with a run's latest checkpoint:",
    "  sample       images decoded from standard normal latents (every model)",
    "  reconstruct  test images, each row above its reconstructions (models with an encoder, e.g. vae)",
    "  interpolate  per row: a test image, decodings along the line between its code and another's, that image",
    "  manifold     a grid over the standard normal quantiles of a 2-D latent space"})
final class SampleCommand implements Callable<Integer> {

  /** The modes, in the order the help lists them. */
  static final List<String> MODES = List.of("sample", "reconstruct", "interpolate", "manifold");

  /** Images per row of a reconstruction grid. */
  static final int RECONSTRUCTION_COLUMNS = 8;

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  private Path run;

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

  @CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the grid.")
  private Path out;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED",
      description = "Seed of the latent batch or of the choice of test images (default: the run's seed, which gives its sample grids' batch).")
  private Long seed;

  SampleCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    if (!MODES.contains(mode)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--mode must be one of " + String.join(", ", MODES) + ", got '" + mode + "'");
    }
    long chosenSeed = seed != null ? seed : gen4j.get().experiments().runConfig(run).seed();
    PrintWriter printer = spec.commandLine().getOut();
    switch (mode) {
      case "reconstruct" -> {
        int images = count != null ? count : 32;
        Reconstructions reconstructions = gen4j.get().latentSpace().reconstruct(run, images, chosenSeed);
        int columns = Math.min(RECONSTRUCTION_COLUMNS, images);
        ImageGrid.write(reconstructions.rows(columns), columns, 2, out);
        printer.printf("wrote %d test images and their reconstructions to %s%n", images, out);
      }
      case "interpolate" -> {
        int pairs = count != null ? count : 8;
        ImageBatch walks = gen4j.get().latentSpace().interpolate(run, pairs, steps, chosenSeed);
        ImageGrid.write(walks, steps + 2, 2, out);
        printer.printf("wrote %d interpolations of %d steps between test images to %s%n", pairs, steps, out);
      }
      case "manifold" -> {
        ImageGrid.write(gen4j.get().latentSpace().manifold(run, size), size, 2, out);
        printer.printf("wrote the %dx%d latent manifold to %s%n", size, size, out);
      }
      default -> {
        int images = count != null ? count : 64;
        ImageGrid.write(gen4j.get().experiments().sample(run, images, chosenSeed), ImageGrid.squareColumns(images), 2, out);
        printer.printf("wrote %d samples to %s%n", images, out);
      }
    }
    printer.flush();
    return 0;
  }
}
