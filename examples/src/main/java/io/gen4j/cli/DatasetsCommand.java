package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.spi.DatasetProvider;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j datasets}: every discovered dataset type. */
@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List the dataset types (config data.type) found, plugins included.",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j datasets",
      "  gen4j --plugin my-datasets.jar datasets   # also a plugin jar's types",
      HelpText.REFERENCE
    })
final class DatasetsCommand implements Runnable {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  DatasetsCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Dataset types (data.type):");
    for (DatasetProvider<?> provider : gen4j.get().datasets().providers().values()) {
      out.printf("  %-14s %s%n", provider.name(), provider.description());
    }
    out.flush();
  }
}
