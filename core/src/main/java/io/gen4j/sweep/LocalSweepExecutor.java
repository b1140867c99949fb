package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import io.gen4j.Gen4j;
import io.gen4j.config.DataConfig;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.eval.CachedFeatureNetwork;
import io.gen4j.eval.EvaluationDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep on this machine: {@code parallel} runs at a time, each in a child JVM ({@link RunProcess})
 * with its share of the cores as TensorFlow's thread pools, unless its config sets {@code
 * training.threads}. Runs already finished are skipped; the others start, or resume from their latest
 * checkpoint. A run that fails is reported and the others go on. Nothing to install: this is the
 * default way a sweep runs.
 */
public final class LocalSweepExecutor {

  private final RunProcess process;
  private final int parallel;
  private final int processors;

  /**
   * @param process starts each run's child process
   * @param parallel how many runs at a time, at least 1
   * @param processors the cores to share among them, at least 1
   */
  public LocalSweepExecutor(RunProcess process, int parallel, int processors) {
    this.process = requireNonNull(process, "process is null");
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
    }
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be at least 1, got " + processors);
    }
    this.parallel = parallel;
    this.processors = processors;
  }

  /**
   * The thread pool sizes of each of {@code parallel} runs side by side on {@code processors} cores:
   * an equal share of the cores for both pools, at least 1; one run at a time has every core and keeps
   * gen4j's automatic choice for its model ({@link ThreadsConfig#DEFAULT}).
   */
  public static ThreadsConfig share(int processors, int parallel) {
    if (parallel == 1) {
      return ThreadsConfig.DEFAULT;
    }
    int share = Math.max(1, processors / parallel);
    return new ThreadsConfig(share, share);
  }

  /**
   * The threads a run gets: its config's when it sets them, else its share.
   *
   * @param configured the run's {@code training.threads}
   */
  public static ThreadsConfig threadsFor(ThreadsConfig configured, ThreadsConfig share) {
    return configured.automatic() ? share : configured;
  }

  /**
   * Runs every run of a prepared sweep that is not finished, and waits for them.
   *
   * @param progress the display, started here
   * @return every run's result afterwards
   */
  public Map<String, RunResult> execute(SweepPlan plan, SweepDirectory directory, SweepProgress progress)
      throws InterruptedException {
    SweepEvaluation evaluation = plan.definition().evaluation();
    Map<String, RunResult> before = directory.results();
    List<PlannedRun> todo = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      if (before.get(run.name()).state() == RunResult.State.FINISHED) {
        skipped.add(run.name());
      } else {
        todo.add(run);
      }
    }
    if (!todo.isEmpty() && evaluation.enabled()) {
      prepareFeatureNetworks(todo, evaluation);
    }
    ThreadsConfig share = share(processors, parallel);
    Set<Process> children = ConcurrentHashMap.newKeySet();
    Thread killChildren = new Thread(() -> children.forEach(Process::destroyForcibly), "sweep-children");
    Runtime.getRuntime().addShutdownHook(killChildren);
    ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
      Thread thread = new Thread(runnable, "sweep-run");
      thread.setDaemon(true);
      return thread;
    });
    progress.start(skipped);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (PlannedRun run : todo) {
        futures.add(pool.submit(() -> {
          runOne(run, directory, evaluation, threadsFor(run.config().training().threads(), share), progress, children);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a sweep worker thread failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      progress.close();
      children.forEach(Process::destroyForcibly);
      try {
        Runtime.getRuntime().removeShutdownHook(killChildren);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
    return directory.results();
  }

  private void runOne(PlannedRun run, SweepDirectory directory, SweepEvaluation evaluation, ThreadsConfig threads,
      SweepProgress progress, Set<Process> children) throws InterruptedException {
    Path runDirectory = directory.run(run.name());
    progress.running(run.name(), RunRecord.read(runDirectory).attempts() + 1);
    Process[] started = new Process[1];
    int status = process.run(runDirectory, threads, evaluation, child -> {
      started[0] = child;
      children.add(child);
    });
    if (started[0] != null) {
      children.remove(started[0]);
    }
    RunResult result = RunResult.read(runDirectory, evaluation);
    if (status == 0 && result.state() == RunResult.State.FINISHED) {
      progress.finished(run.name(), result);
    } else {
      progress.failed(run.name(), "exit status " + status + ": "
          + RunProcess.lastLogLine(runDirectory).orElse("no output") + " (log: " + runDirectory.resolve(RunProcess.LOG_FILE) + ")");
    }
  }

  /**
   * Trains (or loads) the feature network of every dataset the runs are evaluated on, here and once,
   * before the runs start: the runs would otherwise each wait for it, with only their share of the cores.
   */
  static void prepareFeatureNetworks(List<PlannedRun> runs, SweepEvaluation evaluation) {
    Set<DataConfig> datasets = new LinkedHashSet<>();
    runs.forEach(run -> datasets.add(run.config().data().withBatchSize(DataConfig.DEFAULT_BATCH_SIZE).withLimit(0)));
    DatasetCatalog catalog = Gen4j.create().datasets();
    for (DataConfig data : datasets) {
      EvaluationDataset dataset = evaluation.dataset(catalog.open(data));
      try (CachedFeatureNetwork network = evaluation.cache().obtain(dataset.train(), dataset.test())) {
        // cached now
      }
    }
  }

  /**
   * The planned steps of every run, by name in plan order, for the progress display: {@code
   * training.steps} ({@code 0}, unknown before its data is loaded, for a run that trains by epochs).
   */
  public static Map<String, Long> totalSteps(SweepPlan plan) {
    Map<String, Long> totals = new LinkedHashMap<>();
    plan.runs().forEach(run -> totals.put(run.name(),
        run.config().training().epochs() == 0 ? run.config().training().steps() : 0L));
    return totals;
  }
}
