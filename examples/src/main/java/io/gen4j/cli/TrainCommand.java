package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OutputConfig;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.train.Experiments;
import io.gen4j.train.TrainingResult;
import io.gen4j.train.listeners.LogLines;
import io.gen4j.train.listeners.ProgressBarDisplay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j train CONFIG.json [--set PATH=VALUE]...} or {@code gen4j train --resume RUN_DIR [--steps N]}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Train the experiment a JSON config describes, or resume a run.",
      "Any config field can be changed without editing the file: --set PATH=VALUE (repeatable) and the named options"
          + " below go through the same checks as the file, and the run's config.json records the result."
    },
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j train examples/configs/gan-mnist.json",
      "  gen4j train gan.json --steps 2000 --set model.loss=hinge --name gan-hinge",
      "  gen4j train --resume runs/gan-mnist-20250101-120000 --steps 20000",
      HelpText.REFERENCE
    })
final class TrainCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG.json",
      description = "The experiment config (this or --resume is required).")
  private Path config;

  @CommandLine.Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Continue this run from its latest checkpoint with the config it was started with; a finished run"
          + " only with --steps (default: none, train CONFIG.json).")
  private Path resume;

  @CommandLine.Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change one config field, e.g. training.steps=2000, model.loss=hinge, "
          + "model.generatorLayers=[128,256], training.optimizers.generator.learningRate=1e-4; repeatable, applied in"
          + " order (default: none).")
  private List<String> assignments = new ArrayList<>();

  @CommandLine.Option(names = "--steps", paramLabel = "N",
      description = "Train N steps: training.steps=N (and epochs 0); with --resume, the run's new length (default:"
          + " the config's).")
  private Long steps;

  @CommandLine.Option(names = "--batch-size", paramLabel = "N", description = "data.batchSize=N (default: the config's).")
  private Integer batchSize;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED", description = "seed=SEED (default: the config's).")
  private Long seed;

  @CommandLine.Option(names = "--name", paramLabel = "NAME",
      description = "name=NAME, which names the run directory (default: the config's).")
  private String name;

  @CommandLine.Option(names = "--gpu", paramLabel = "LIST",
      description = "training.visibleDevices=LIST: the GPUs to use, CUDA device indices such as 0 or 1,2 (default: the"
          + " config's, all GPUs; ignored without the CUDA build).")
  private String gpu;

  @CommandLine.Option(names = "--runs", paramLabel = "DIR",
      description = "Create the run directory here: output.runsDirectory=DIR (default: the config's, runs).")
  private Path runs;

  @CommandLine.Option(
      names = "--progress-bar",
      negatable = true,
      description = "Show a progress display, or with --no-progress-bar plain log lines (default: a display on a"
          + " terminal, lines otherwise).")
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
      List<String> configOptions = configOptions();
      if (!configOptions.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), String.join(", ", configOptions)
            + " change a config, but a resumed run keeps the config it was started with (--steps extends it)");
      }
      result = steps != null ? experiments.resume(resume, steps, List.of()) : experiments.resume(resume, List.of());
    } else {
      List<ConfigOverride> overrides = overrides();
      ExperimentConfig experiment = gen4j.get().configLoader().load(config, overrides);
      if (runs != null) {
        try {
          experiment = experiment.withOutput(new OutputConfig(runs.toString()));
        } catch (InvalidConfigException e) {
          throw new ConfigException("--runs: " + e.problem());
        }
      }
      result = experiments.train(experiment, List.of(), overrides);
    }
    out.printf("run: %s%nsteps: %d, wall time %ds%nfinal samples: %s%nreport: %s%n", result.runDirectory(), result.steps(),
        result.wallTime().toSeconds(), result.runDirectory().resolve("samples").resolve("final.png"),
        result.runDirectory().resolve("index.html"));
    out.flush();
    return 0;
  }

  /** --set in order, then the named options, so that these win. */
  private List<ConfigOverride> overrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    assignments.forEach(assignment -> overrides.add(ConfigOverride.parse(assignment)));
    if (steps != null) {
      overrides.add(ConfigOverride.of("training.steps", steps));
      overrides.add(ConfigOverride.of("training.epochs", 0));
    }
    if (batchSize != null) {
      overrides.add(ConfigOverride.of("data.batchSize", batchSize));
    }
    if (seed != null) {
      overrides.add(ConfigOverride.of("seed", seed));
    }
    if (name != null) {
      overrides.add(ConfigOverride.of("name", name));
    }
    if (gpu != null) {
      overrides.add(ConfigOverride.of("training.visibleDevices", gpu));
    }
    return overrides;
  }

  private List<String> configOptions() {
    List<String> given = new ArrayList<>();
    if (!assignments.isEmpty()) {
      given.add("--set");
    }
    if (batchSize != null) {
      given.add("--batch-size");
    }
    if (seed != null) {
      given.add("--seed");
    }
    if (name != null) {
      given.add("--name");
    }
    if (gpu != null) {
      given.add("--gpu");
    }
    if (runs != null) {
      given.add("--runs");
    }
    return given;
  }
}
