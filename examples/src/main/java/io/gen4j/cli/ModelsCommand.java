package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j models}: every discovered model type and trainer. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the model types (config model.type) and trainers found on the class path.",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j models",
      "  gen4j config show examples/configs/wgan-gp-mnist.json  # all its defaults",
      "  java -cp gen4j.jar:my-plugin.jar io.gen4j.cli.Gen4jCommand models",
      HelpText.REFERENCE
    })
final class ModelsCommand implements Runnable {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  ModelsCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Models (model.type):");
    for (ModelProvider<?> provider : gen4j.get().catalog().models().values()) {
      out.printf("  %-12s %s%n", provider.name(), provider.description());
    }
    out.println("Trainers:");
    for (TrainerProvider provider : gen4j.get().catalog().trainers().values()) {
      out.printf("  %-12s %s%n", provider.name(), provider.description());
    }
    out.flush();
  }
}
