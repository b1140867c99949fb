package io.gen4j.cli;

import io.gen4j.inject.Discovered;
import io.gen4j.inject.PluginDiscovery;
import io.gen4j.inject.PluginJar;
import io.gen4j.inject.PluginProblem;
import io.gen4j.inject.Plugins;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gen4j models}: every usable model type and trainer with the jar it came from, then the broken
 * plugins with their error. It lists what it can even when plugins are broken (the other commands
 * refuse to start then).
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the model types (config model.type) and trainers found, with the jar each came from, and"
        + " the plugins that cannot be loaded, with the reason.",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j models",
      "  gen4j --plugin my-plugin.jar models              # also a plugin jar",
      "  gen4j config show examples/configs/wgan-gp-mnist.json  # all its defaults",
      HelpText.REFERENCE
    })
final class ModelsCommand implements Runnable {

  /** What the source column says for gen4j's own models and trainers. */
  static final String BUILT_IN = "built in";

  private final Supplier<ClassLoader> loader;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  ModelsCommand(Supplier<ClassLoader> loader) {
    this.loader = loader;
  }

  /** A row of the table. */
  private record Row(String name, String source, String description) {}

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Plugins plugins = PluginDiscovery.discover(loader.get());
    List<Row> models = new ArrayList<>();
    for (Discovered<ModelProvider<?>> model : plugins.models().values()) {
      models.add(new Row(model.name(), source(model.jar()), model.provider().description()));
    }
    List<Row> trainers = new ArrayList<>();
    for (Discovered<TrainerProvider> trainer : plugins.trainers().values()) {
      trainers.add(new Row(trainer.name(), source(trainer.jar()), trainer.provider().description()));
    }
    int nameWidth = Stream.concat(models.stream(), trainers.stream()).mapToInt(row -> row.name().length()).max().orElse(0);
    int sourceWidth = Stream.concat(models.stream(), trainers.stream()).mapToInt(row -> row.source().length()).max().orElse(0);
    String format = "  %-" + nameWidth + "s  %-" + sourceWidth + "s  %s%n";
    out.println("Models (model.type):");
    models.forEach(row -> out.printf(format, row.name(), row.source(), row.description()));
    out.println("Trainers:");
    trainers.forEach(row -> out.printf(format, row.name(), row.source(), row.description()));
    if (!plugins.problems().isEmpty()) {
      out.println("Broken plugins (not loaded; the other commands refuse to start until they are fixed or removed):");
      for (PluginProblem problem : plugins.problems()) {
        out.println("  " + problem.message());
      }
    }
    out.flush();
  }

  private static String source(PluginJar jar) {
    return jar.builtIn() ? BUILT_IN : jar.shortName();
  }
}
