package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.data.DatasetException;
import io.gen4j.data.MnistProvider;
import io.gen4j.data.download.DatasetDownloads;
import io.gen4j.data.download.NamedDatasetProvider;
import io.gen4j.data.download.RemoteFile;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j data list|fetch|import}: the named datasets that are downloaded on first use. */
@Command(name = "data", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Named datasets (fashion-mnist, kmnist, emnist, cifar10): list them, download them ahead of time, or"
        + " import files obtained elsewhere. They live in $GEN4J_HOME/datasets (default ~/.gen4j/datasets).",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j data list",
      "  gen4j data fetch fashion-mnist",
      "  gen4j data import fashion-mnist /usr/share/datasets/fashion-mnist/*.gz",
      HelpText.REFERENCE
    })
final class DataCommand implements Runnable {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  DataCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Show each named dataset: whether its files are here, their size and its licence.",
      footerHeading = HelpText.EXAMPLES,
      footer = {
        "  gen4j data list",
        "  gen4j data list --verbose                # also gen4j's debug lines",
        HelpText.REFERENCE
      })
  int list() {
    PrintWriter out = spec.commandLine().getOut();
    DatasetCatalog datasets = gen4j.get().datasets();
    out.printf("%-14s %-22s %10s  %s%n", "dataset", "here", "size", "licence");
    out.printf("%-14s %-22s %10s  %s%n", MnistProvider.NAME, "bundled", megabytes(11_369_320), "CC BY-SA 3.0");
    for (NamedDatasetProvider provider : named(datasets)) {
      DatasetDownloads downloads = provider.downloads(datasets.context());
      int present = downloads.present().size();
      int total = provider.dataset().files().size();
      String here = present == total ? "yes" : present == 0 ? "no" : present + " of " + total + " files";
      out.printf("%-14s %-22s %10s  %s%n", provider.name(), here, megabytes(provider.dataset().size()),
          provider.dataset().licence());
    }
    out.printf("(in %s)%n", datasets.context().downloads());
    out.flush();
    return 0;
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Download a named dataset's missing files now, verifying each against its SHA-256.",
      footerHeading = HelpText.EXAMPLES,
      footer = {
        "  gen4j data fetch cifar10",
        "  gen4j data fetch fashion-mnist --mirror http://mirror.example/datasets",
        HelpText.REFERENCE
      })
  int fetch(
      @CommandLine.Parameters(paramLabel = "NAME", description = "The dataset, e.g. fashion-mnist (required).") String name,
      @CommandLine.Option(names = "--mirror", paramLabel = "URL",
          description = "Download from URL/NAME/FILE instead of the official site (default: $GEN4J_MIRROR).")
          String mirror) {
    PrintWriter out = spec.commandLine().getOut();
    DatasetCatalog datasets = gen4j.get().datasets();
    NamedDatasetProvider provider = namedProvider(datasets, name);
    DatasetContext context = mirror == null ? datasets.context() : datasets.context().withMirror(Optional.of(mirror));
    provider.fetch(context);
    DatasetDownloads downloads = provider.downloads(context);
    provider.dataset().files().forEach(downloads::verify);
    out.printf("%s: %d files, %s, verified, in %s%n", name, provider.dataset().files().size(),
        megabytes(downloads.bytesPresent()), downloads.directory());
    out.flush();
    return 0;
  }

  @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Copy files of a named dataset obtained elsewhere into place, each verified against the known"
          + " SHA-256 of a file of the dataset (or of its content, for the same data compressed otherwise).",
      footerHeading = HelpText.EXAMPLES,
      footer = {
        "  gen4j data import fashion-mnist /usr/share/datasets/fashion-mnist/*.gz",
        "  gen4j data import cifar10 ~/Downloads/cifar-10-binary.tar.gz",
        HelpText.REFERENCE
      })
  int importFiles(
      @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "The dataset, e.g. fashion-mnist (required).")
          String name,
      @CommandLine.Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files to import (required, one or more).")
          List<Path> files) {
    PrintWriter out = spec.commandLine().getOut();
    DatasetCatalog datasets = gen4j.get().datasets();
    NamedDatasetProvider provider = namedProvider(datasets, name);
    DatasetDownloads downloads = provider.downloads(datasets.context());
    List<RemoteFile> imported = downloads.importFiles(files);
    for (int i = 0; i < imported.size(); i++) {
      out.printf("imported %s as %s%n", files.get(i), downloads.path(imported.get(i)));
    }
    List<String> missing = provider.dataset().files().stream()
        .filter(file -> !downloads.present().contains(file))
        .map(RemoteFile::name)
        .toList();
    out.println(missing.isEmpty()
        ? name + " is complete: configs with \"data\": {\"type\": \"" + name + "\"} use it"
        : name + " still lacks " + String.join(", ", missing));
    out.flush();
    return 0;
  }

  private static List<NamedDatasetProvider> named(DatasetCatalog datasets) {
    return datasets.providers().values().stream()
        .filter(NamedDatasetProvider.class::isInstance)
        .map(NamedDatasetProvider.class::cast)
        .toList();
  }

  private static NamedDatasetProvider namedProvider(DatasetCatalog datasets, String name) {
    DatasetProvider<?> provider = datasets.providers().get(name);
    if (provider instanceof NamedDatasetProvider named) {
      return named;
    }
    String available = named(datasets).stream().map(NamedDatasetProvider::name).collect(Collectors.joining(", "));
    throw new DatasetException(provider == null
        ? "unknown dataset '" + name + "'; named datasets: " + available
        : name + " is not downloaded (it is " + (name.equals(MnistProvider.NAME) ? "bundled" : "read from your files")
            + "); named datasets: " + available);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
