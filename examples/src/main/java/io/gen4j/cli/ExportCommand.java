package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.export.ExportManifest;
import io.gen4j.spi.ImageShape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j export --run DIR --out DIR [--force]}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Write a run's generator (or a VAE's decoder) from its latest checkpoint as a TensorFlow SavedModel.",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j export --run runs/gan-mnist-20250101-120000 --out export/gan",
      "  gen4j export --run runs/vae-mnist-20250101-120000 --out export/vae --force",
      "  gen4j sample --model export/gan --n 1000 --out samples.npy",
      HelpText.REFERENCE
    })
final class ExportCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory (required; no default).")
  private Path run;

  @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "The export directory; it must be new or empty unless --force (required; no default).")
  private Path out;

  @CommandLine.Option(names = "--force", description = "Replace a non-empty export directory (default: off).")
  private boolean force;

  ExportCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    ExportManifest manifest = gen4j.get().exporter().export(run, out, force);
    ImageShape image = manifest.imageShape();
    PrintWriter writer = spec.commandLine().getOut();
    writer.printf("exported %s (step %d) to %s%n", manifest.modelType(), manifest.checkpointStep(), out);
    String labels = manifest.labelsName()
        .map(name -> String.format(", %s int32 [n] in 0..%d", name, manifest.classCount() - 1))
        .orElse("");
    writer.printf("tag '%s', signature '%s': %s float32 [n, %d]%s -> %s float32 [n, %d, %d, %d] in [0, 1]%n",
        manifest.tag(), manifest.signatureKey(), manifest.inputName(), manifest.latentSize(), labels,
        manifest.outputName(), image.height(), image.width(), image.channels());
    writer.flush();
    return 0;
  }
}
