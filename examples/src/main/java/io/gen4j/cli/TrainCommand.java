package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OutputConfig;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.train.Experiments;
import io.gen4j.train.TrainingResult;
import io.gen4j.train.listeners.LogLines;
import io.gen4j.train.listeners.ProgressBarDisplay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j train CONFIG.json} or {@code gen4j train --resume RUN_DIR}. */
@Command(name = "train", description = "Train the experiment a JSON config describes, or resume a run.")
final class TrainCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.json", description = "The experiment config.")
  private Path config;

  @CommandLine.Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue this run from its latest checkpoint.")
  private Path resume;

  @CommandLine.Option(names = "--runs", paramLabel = "DIR", description = "Create the run directory here (overrides output.runsDirectory).")
  private Path runs;

  @CommandLine.Option(
      names = "--progress-bar",
      negatable = true,
      description = "Show a progress bar, or with --no-progress-bar plain log lines (default: a bar on a terminal, lines otherwise).")
  private Boolean progressBar;

  TrainCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((config == null) == (resume == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either CONFIG.json or --resume RUN_DIR");
    }
    boolean bar = progressBar != null ? progressBar : Terminal.isInteractive();
    Experiments experiments = gen4j.get().experiments().withProgress(bar ? ProgressBarDisplay::new : LogLines::new);
    TrainingResult result;
    if (resume != null) {
      result = experiments.resume(resume, List.of());
    } else {
      ExperimentConfig experiment = gen4j.get().configLoader().load(config);
      if (runs != null) {
        try {
          experiment = experiment.withOutput(new OutputConfig(runs.toString()));
        } catch (InvalidConfigException e) {
          throw new ConfigException("--runs: " + e.problem());
        }
      }
      result = experiments.train(experiment, List.of());
    }
    out.printf("run: %s%nsteps: %d, wall time %ds%nfinal samples: %s%nreport: %s%n", result.runDirectory(), result.steps(),
        result.wallTime().toSeconds(), result.runDirectory().resolve("samples").resolve("final.png"),
        result.runDirectory().resolve("index.html"));
    out.flush();
    return 0;
  }
}
