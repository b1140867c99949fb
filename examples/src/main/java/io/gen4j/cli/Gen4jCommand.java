package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.inject.PluginClassLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j}: the top-level command. */
@Command(
    name = "gen4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generative image models (GAN, DCGAN, WGAN, VAE) on TensorFlow Java.",
    subcommands = {
      ModelsCommand.class, DatasetsCommand.class, DataCommand.class, TrainCommand.class, SampleCommand.class,
      EvalCommand.class, ExportCommand.class, BenchCommand.class, NllCommand.class, StatusCommand.class,
      SweepCommand.class, ConfigCommand.class,
      CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class
    },
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j train examples/configs/gan-mnist.json   # train on the bundled MNIST",
      "  gen4j train --help                            # every command has --help",
      "  source <(gen4j generate-completion)           # tab completion, bash and zsh",
      HelpText.REFERENCE
    })
public final class Gen4jCommand implements Runnable {

  /** Exit code of a run stopped by a user mistake (bad config, bad data, bad arguments). */
  public static final int USAGE_ERROR = 2;

  /** Exit code of a failed training run. */
  public static final int FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print its stack trace too (default: off).")
  private boolean debug;

  @CommandLine.Option(names = "--plugin", paramLabel = "JAR", scope = CommandLine.ScopeType.INHERIT,
      description = "Load this plugin jar (repeatable), besides those in plugins/ beside the gen4j jar and in "
          + PluginJars.ENVIRONMENT_VARIABLE + " (default: none).")
  private List<Path> plugins = new ArrayList<>();

  /**
   * {@code --verbose}, on every command: gen4j's debug lines. The launcher also passes TensorFlow's native
   * start-up lines through, which it filters out otherwise.
   */
  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Also show gen4j's debug lines and TensorFlow's native log (default: off).")
  void verbose(boolean on) {
    if (on) {
      Verbosity.verbose();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs the command line with the given streams and environment (for {@code GEN4J_PLUGINS}) and
   * returns its exit code. Every error goes through {@link ErrorReport}: one line, exit 2 for a mistake.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    Gen4jCommand top = new Gen4jCommand();
    CommandLine commandLine = new CommandLine(top, new Gen4jFactory(top, environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> ErrorReport.print(exception, top.debug, err));
    try {
      return commandLine.execute(args);
    } catch (RuntimeException | LinkageError e) {
      return ErrorReport.print(e, top.debug, err);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Creates subcommands with one shared {@link Gen4j}, built when first needed (after the options are
   * parsed) with the plugin jars of {@link PluginJars}.
   */
  static final class Gen4jFactory implements CommandLine.IFactory {
    private final Gen4jCommand top;
    private final Map<String, String> environment;
    private ClassLoader pluginLoader;
    private Gen4j gen4j;

    Gen4jFactory(Gen4jCommand top, Map<String, String> environment) {
      this.top = top;
      this.environment = Map.copyOf(environment);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ModelsCommand.class) {
        return type.cast(new ModelsCommand(this::pluginLoader));
      }
      if (type == DatasetsCommand.class) {
        return type.cast(new DatasetsCommand(this::gen4j));
      }
      if (type == DataCommand.class) {
        return type.cast(new DataCommand(this::gen4j));
      }
      if (type == TrainCommand.class) {
        return type.cast(new TrainCommand(this::gen4j));
      }
      if (type == SampleCommand.class) {
        return type.cast(new SampleCommand(this::gen4j));
      }
      if (type == NllCommand.class) {
        return type.cast(new NllCommand(this::gen4j));
      }
      if (type == EvalCommand.class) {
        return type.cast(new EvalCommand(this::gen4j));
      }
      if (type == ExportCommand.class) {
        return type.cast(new ExportCommand(this::gen4j));
      }
      if (type == BenchCommand.class) {
        return type.cast(new BenchCommand(this::gen4j));
      }
      if (type == ConfigCommand.Show.class) {
        return type.cast(new ConfigCommand.Show(this::gen4j));
      }
      if (type == ConfigCommand.Schema.class) {
        return type.cast(new ConfigCommand.Schema(this::gen4j));
      }
      if (type == SweepCommand.class) {
        return type.cast(new SweepCommand(this::gen4j, () -> PluginJars.Settings.of(environment, top.plugins)));
      }
      return CommandLine.defaultFactory().create(type);
    }

    private synchronized Gen4j gen4j() {
      if (gen4j == null) {
        gen4j = Gen4j.create(pluginLoader());
      }
      return gen4j;
    }

    /** gen4j's own class loader, or a {@link PluginClassLoader} over it when there are plugin jars. */
    private synchronized ClassLoader pluginLoader() {
      if (pluginLoader == null) {
        List<Path> jars = PluginJars.collect(environment, top.plugins);
        ClassLoader own = Gen4jCommand.class.getClassLoader();
        pluginLoader = jars.isEmpty() ? own : PluginClassLoader.of(jars, own);
      }
      return pluginLoader;
    }
  }
}
