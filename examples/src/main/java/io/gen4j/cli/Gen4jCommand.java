package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.data.DatasetException;
import io.gen4j.inject.PluginException;
import io.gen4j.security.UntrustedModelException;
import io.gen4j.train.CheckpointException;
import io.gen4j.train.RunDirectoryException;
import io.gen4j.train.TrainingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j}: the top-level command. */
@Command(
    name = "gen4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generative image models (GAN, DCGAN, WGAN, VAE) on TensorFlow Java.",
    subcommands = {
      ModelsCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class, ExportCommand.class,
      BenchCommand.class, NllCommand.class, StatusCommand.class, SweepCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gen4jCommand implements Runnable {

  /** Exit code of a run stopped by a user mistake (bad config, bad data, bad arguments). */
  public static final int USAGE_ERROR = 2;

  /** Exit code of a failed training run. */
  public static final int FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Gen4jCommand(), new Gen4jFactory());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      if (isUserError(exception)) {
        err.println("gen4j: " + exception.getMessage());
        return exception instanceof TrainingException ? FAILURE : USAGE_ERROR;
      }
      throw exception;
    });
    return commandLine.execute(args);
  }

  private static boolean isUserError(Exception exception) {
    return exception instanceof ConfigException
        || exception instanceof DatasetException
        || exception instanceof PluginException
        || exception instanceof TrainingException
        || exception instanceof RunDirectoryException
        || exception instanceof CheckpointException
        || exception instanceof UntrustedModelException
        || exception instanceof IllegalArgumentException;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Creates subcommands with one shared {@link Gen4j}, built when first needed. */
  static final class Gen4jFactory implements CommandLine.IFactory {
    private Gen4j gen4j;

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ModelsCommand.class) {
        return type.cast(new ModelsCommand(this::gen4j));
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
      if (type == SweepCommand.class) {
        return type.cast(new SweepCommand(this::gen4j));
      }
      return CommandLine.defaultFactory().create(type);
    }

    private synchronized Gen4j gen4j() {
      if (gen4j == null) {
        gen4j = Gen4j.create();
      }
      return gen4j;
    }
  }
}
