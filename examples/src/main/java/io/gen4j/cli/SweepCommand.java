package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.sweep.LocalSweepExecutor;
import io.gen4j.sweep.RunProcess;
import io.gen4j.sweep.RunResult;
import io.gen4j.sweep.RunWorker;
import io.gen4j.sweep.SummaryWriter;
import io.gen4j.sweep.SweepDefinition;
import io.gen4j.sweep.SweepDirectory;
import io.gen4j.sweep.SweepPlan;
import io.gen4j.sweep.SweepPlanner;
import io.gen4j.sweep.SweepProgress;
import io.gen4j.sweep.SweepSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gen4j sweep SWEEP.json [--parallel N]}: every run of a sweep, side by side in child processes,
 * then its summary; {@code gen4j sweep --report DIR} rebuilds the summary of a sweep directory.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j sweep examples/sweeps/gan-losses.json --parallel 2",
      "  gen4j sweep examples/sweeps/vae-latent.json --runs /tmp/sweeps   # resumes",
      "  gen4j sweep --report runs/gan-losses            # only rebuild the summaries",
      HelpText.REFERENCE
    },
    description = {
      "Run every combination x seed of a sweep file (each in a process of its own, --parallel at a time), evaluate "
          + "each run, and write summary.csv, summary.md, summary.png and index.html to <runs>/<sweep name>/.",
      "Started again, a sweep skips its finished runs and resumes the others from their checkpoints."
    })
final class SweepCommand implements Callable<Integer> {

  private final Supplier<Gen4j> gen4j;
  private final Supplier<PluginJars.Settings> plugins;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP.json",
      description = "The sweep file (this or --report is required).")
  private Path sweepFile;

  @CommandLine.Option(names = "--runs", paramLabel = "DIR",
      description = "Put the sweep's directory here (default: the base config's output.runsDirectory).")
  private Path runs;

  @CommandLine.Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
      description = "Runs at a time, each with its share of the CPU cores as TensorFlow threads (default: ${DEFAULT-VALUE}).")
  private int parallel;

  @CommandLine.Option(names = "--report", paramLabel = "DIR",
      description = "Only rebuild the summary files of this sweep directory from its runs (default: none, run"
          + " SWEEP.json).")
  private Path report;

  @CommandLine.Option(names = "--progress-bar", negatable = true,
      description = "A progress bar, or with --no-progress-bar plain status lines (default: a bar on a terminal).")
  private Boolean progressBar;

  @CommandLine.Option(names = "--worker", hidden = true, paramLabel = "RUN_DIR")
  private Path worker;

  @CommandLine.Option(names = RunProcess.THREADS_OPTION, hidden = true)
  private String workerThreads;

  @CommandLine.Option(names = RunProcess.EVALUATION_OPTION, hidden = true)
  private String workerEvaluation;

  /**
   * @param plugins the plugin settings of this command line once parsed, handed on to each run's process
   */
  SweepCommand(Supplier<Gen4j> gen4j, Supplier<PluginJars.Settings> plugins) {
    this.gen4j = gen4j;
    this.plugins = plugins;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (worker != null) {
      return work();
    }
    if ((sweepFile == null) == (report == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either SWEEP.json or --report DIR");
    }
    if (report != null) {
      SweepDirectory directory = SweepDirectory.open(report);
      SweepSummary summary = SweepSummary.of(directory.index(), directory.results());
      SummaryWriter.write(summary, directory.path());
      printSummary(out, summary, directory);
      return 0;
    }
    if (parallel < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
    }
    SweepPlan plan = new SweepPlanner(gen4j.get().configLoader(), gen4j.get().catalog()).plan(SweepDefinition.read(sweepFile));
    Path root = runs != null ? runs : Path.of(plan.runs().get(0).config().output().runsDirectory());
    SweepDirectory directory = SweepDirectory.prepare(root, plan, gen4j.get().configLoader());
    try (AutoCloseable lock = directory.lock()) {
      int processors = Runtime.getRuntime().availableProcessors();
      out.printf("sweep %s: %d runs (%d combinations) in %s; %d at a time, %d of %d cores each%n", plan.name(),
          plan.runs().size(), plan.combinations().size(), directory.path(), parallel,
          Math.max(1, processors / parallel), processors);
      out.flush();
      // Each run's process loads the same plugin jars: plugins/ beside the same jar, the same GEN4J_PLUGINS
      // and the same --plugin options.
      PluginJars.Settings pluginSettings = plugins.get();
      List<String> workerArguments = new ArrayList<>(List.of("sweep"));
      workerArguments.addAll(pluginSettings.options());
      workerArguments.add("--worker");
      RunProcess process = new RunProcess(RunProcess.javaCommand(System.getProperty("java.class.path"),
          Gen4jCommand.class.getName(), workerArguments), pluginSettings.environment());
      boolean bar = progressBar != null ? progressBar : Terminal.isInteractive();
      Map<String, RunResult> results;
      try (SweepProgress progress = new SweepProgress(System.err, bar, directory, LocalSweepExecutor.totalSteps(plan))) {
        results = new LocalSweepExecutor(process, parallel, processors).execute(plan, directory, progress);
      }
      SweepSummary summary = SweepSummary.of(directory.index(), results);
      SummaryWriter.write(summary, directory.path());
      printSummary(out, summary, directory);
      long unfinished = results.values().stream().filter(result -> result.state() != RunResult.State.FINISHED).count();
      if (unfinished > 0) {
        out.printf("%d of %d runs did not finish; see each one's %s, and run the sweep again to retry them%n",
            unfinished, results.size(), RunProcess.LOG_FILE);
        out.flush();
        return Gen4jCommand.FAILURE;
      }
      return 0;
    }
  }

  /** The child-process side: one run, in this process. */
  private int work() {
    if (workerThreads == null || workerEvaluation == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--worker goes with " + RunProcess.THREADS_OPTION + " and " + RunProcess.EVALUATION_OPTION);
    }
    ParentWatch.exitWhenGone();
    new RunWorker(gen4j.get()).run(worker, RunProcess.parseThreads(workerThreads),
        RunProcess.parseEvaluation(workerEvaluation));
    return 0;
  }

  private static void printSummary(PrintWriter out, SweepSummary summary, SweepDirectory directory) {
    out.println();
    out.print(SummaryWriter.markdownTable(summary));
    out.println();
    out.printf("summary: %s, %s, %s%nreport: %s%n", directory.path().resolve(SummaryWriter.MARKDOWN),
        directory.path().resolve(SummaryWriter.CSV), directory.path().resolve(SummaryWriter.PLOT),
        directory.path().resolve(SummaryWriter.REPORT));
    out.flush();
  }
}
