package io.gen4j.spark;

import static java.util.Objects.requireNonNull;

import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.sweep.PlannedRun;
import io.gen4j.sweep.RunProcess;
import io.gen4j.sweep.RunResult;
import io.gen4j.sweep.SummaryWriter;
import io.gen4j.sweep.SweepDefinition;
import io.gen4j.sweep.SweepDirectory;
import io.gen4j.sweep.SweepPlan;
import io.gen4j.sweep.SweepPlanner;
import io.gen4j.sweep.SweepSummary;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The driver of a sweep on Spark: {@code spark-submit [spark options] gen4j-spark.jar SWEEP.json --runs
 * SHARED_DIR}. It plans and validates the sweep and prepares its directory as {@code gen4j sweep} does,
 * runs every unfinished run as one Spark task ({@link RunTask}; one run per task, its threads the task's
 * cores), collects the results and writes the same summary files as a local sweep. {@code SHARED_DIR}
 * must be the same path on the driver and every executor (a network or cluster filesystem mounted on
 * each node).
 */
@Command(
    name = "gen4j-spark",
    mixinStandardHelpOptions = true,
    description = "Run a gen4j sweep on Spark, one Spark task per run, and write its summary.")
public final class SparkSweep implements Callable<Integer> {

  private static final Pattern LOCAL_WITH_RETRIES = Pattern.compile("local\\[(\\*|\\d+)\\s*,\\s*(\\d+)\\]");

  @CommandLine.Parameters(index = "0", paramLabel = "SWEEP.json", description = "The sweep file.")
  private Path sweepFile;

  @CommandLine.Option(names = "--runs", required = true, paramLabel = "SHARED_DIR",
      description = "Where the sweep's directory goes: a path every executor sees at the same place.")
  private String runs;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new SparkSweep());
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      if (exception instanceof ConfigException || exception instanceof IllegalArgumentException) {
        line.getErr().println("gen4j-spark: " + exception.getMessage());
        return 2;
      }
      throw exception;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path root = sharedPath(runs);
    SparkConf conf = new SparkConf().setAppName("gen4j sweep " + sweepFile.getFileName());
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      Map<String, RunResult> results = run(spark, sweepFile, root, System.out);
      return results.values().stream().allMatch(result -> result.state() == RunResult.State.FINISHED) ? 0 : 1;
    }
  }

  /** A local path from {@code --runs}; a URI scheme other than {@code file} is refused with the reason. */
  static Path sharedPath(String runs) {
    if (runs.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      URI uri = URI.create(runs);
      if (!"file".equals(uri.getScheme())) {
        throw new IllegalArgumentException("--runs " + runs + ": runs are written with Java's file API, so give a "
            + "path every node mounts at the same place (NFS, a Kubernetes volume, a Hadoop filesystem through its "
            + "NFS gateway or a FUSE mount); " + uri.getScheme() + ":// URIs are not written to directly");
      }
      return Path.of(uri);
    }
    return Path.of(runs).toAbsolutePath();
  }

  /**
   * Runs a sweep with a Spark context and writes its summary.
   *
   * @param runs where the sweep's directory goes (shared by the driver and the executors)
   * @return every run's result, by name in plan order
   */
  public static Map<String, RunResult> run(JavaSparkContext spark, Path sweepFile, Path runs, PrintStream out)
      throws Exception {
    requireNonNull(spark, "spark is null");
    Gen4j gen4j = Gen4j.create();
    SweepPlan plan = new SweepPlanner(gen4j.configLoader(), gen4j.catalog()).plan(SweepDefinition.read(sweepFile));
    SweepDirectory directory = SweepDirectory.prepare(runs, plan, gen4j.configLoader());
    try (AutoCloseable lock = directory.lock()) {
      Map<String, RunResult> results = new LinkedHashMap<>(directory.results());
      int maxAttempts = maxAttempts(spark.sc());
      String evaluation = RunProcess.evaluationJson(plan.definition().evaluation());
      List<RunTask> tasks = new ArrayList<>();
      for (PlannedRun run : plan.runs()) {
        if (results.get(run.name()).state() != RunResult.State.FINISHED) {
          ThreadsConfig threads = run.config().training().threads();
          tasks.add(new RunTask(run.name(), directory.run(run.name()).toString(), threads.intraOp(), threads.interOp(),
              evaluation, maxAttempts));
        }
      }
      out.printf("sweep %s: %d runs (%d combinations) in %s; %d to run as Spark tasks (%d skipped: finished), "
              + "up to %d attempts each%n", plan.name(), plan.runs().size(), plan.combinations().size(), directory.path(),
          tasks.size(), plan.runs().size() - tasks.size(), maxAttempts);
      out.flush();
      if (!tasks.isEmpty()) {
        List<RunResult> done = spark.parallelize(tasks, tasks.size()).map(task -> task.execute()).collect();
        done.forEach(result -> results.put(result.run(), result));
      }
      SweepSummary summary = SweepSummary.of(directory.index(), results);
      SummaryWriter.write(summary, directory.path());
      out.println();
      out.print(SummaryWriter.markdownTable(summary));
      out.printf("%nsummary: %s%nreport: %s%n", directory.path().resolve(SummaryWriter.MARKDOWN),
          directory.path().resolve(SummaryWriter.REPORT));
      out.flush();
      return results;
    }
  }

  /** Attempts Spark gives a task: {@code F} of a {@code local[N,F]} master, 1 in other local modes, else {@code spark.task.maxFailures}. */
  static int maxAttempts(SparkContext spark) {
    String master = spark.master();
    Matcher local = LOCAL_WITH_RETRIES.matcher(master);
    if (local.matches()) {
      return Integer.parseInt(local.group(2));
    }
    if (master.startsWith("local")) {
      return 1;
    }
    return spark.getConf().getInt("spark.task.maxFailures", 4);
  }
}
