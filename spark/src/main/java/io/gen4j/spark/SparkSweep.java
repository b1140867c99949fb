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
import io.gen4j.sweep.RunRecord;
import io.gen4j.sweep.SweepIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The driver of a sweep on Spark: {@code spark-submit [spark options] gen4j-spark.jar SWEEP.json --runs
 * RUNS}. It plans and validates the sweep and prepares its directory as {@code gen4j sweep} does, runs
 * every unfinished run as one Spark task ({@link RunTask}; one run per task, its threads the task's
 * cores), collects the results and writes the same summary files as a local sweep.
 *
 * <p>{@code RUNS} is either a path, which must be the same on the driver and every executor (a network or
 * cluster filesystem mounted on each node), or a Hadoop filesystem URI ({@code hdfs://}, {@code s3a://},
 * {@code abfs://}, {@code file://}, ...; whatever {@link FileSystem} the cluster's Hadoop has), read and
 * written with Hadoop's FileSystem API and the job's Hadoop configuration ({@code spark.hadoop.*}): the
 * driver then prepares the sweep's directory in a local copy of what it needs from the shared one,
 * uploads the plan and the runs' configs, and after the runs the summary files ({@link
 * RunDirectorySync}); each task trains its run in a local directory kept in step with the shared one. The
 * sweep's lock is then the file {@value SweepDirectory#LOCK_FILE}, created by the driver and deleted when
 * it ends.
 */
@Command(
    name = "gen4j-spark",
    mixinStandardHelpOptions = true,
    description = "Run a gen4j sweep on Spark, one Spark task per run, and write its summary.")
public final class SparkSweep implements Callable<Integer> {

  private static final Pattern LOCAL_WITH_RETRIES = Pattern.compile("local\\[(\\*|\\d+)\\s*,\\s*(\\d+)\\]");
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  /** The files of a run the driver reads to tell where it stands (what {@link RunResult#read} needs). */
  private static final Set<String> RUN_STATE_FILES = Set.of(
      "config.json", "status.json", "eval.json", "metrics.jsonl", RunRecord.FILE_NAME);

  @CommandLine.Parameters(index = "0", paramLabel = "SWEEP.json", description = "The sweep file.")
  private Path sweepFile;

  @CommandLine.Option(names = "--runs", required = true, paramLabel = "RUNS",
      description = "Where the sweep's directory goes: a path every executor sees at the same place, or a Hadoop "
          + "filesystem URI (hdfs://, s3a://, abfs://, file://, ...).")
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
    SparkConf conf = new SparkConf().setAppName("gen4j sweep " + sweepFile.getFileName());
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      Map<String, RunResult> results = run(spark, sweepFile, runs, System.out);
      return results.values().stream().allMatch(result -> result.state() == RunResult.State.FINISHED) ? 0 : 1;
    }
  }

  /** Whether {@code --runs} (or a run's directory) is a URI, {@code scheme://...}, rather than a path. */
  static boolean isUri(String runs) {
    return URI_SCHEME.matcher(runs).matches();
  }

  /**
   * Runs a sweep with a Spark context and writes its summary.
   *
   * @param runs where the sweep's directory goes: a path shared by the driver and the executors, or a
   *     Hadoop filesystem URI
   * @return every run's result, by name in plan order
   * @throws IllegalArgumentException if the sweep is invalid, its directory is locked by another sweep, or
   *     {@code runs} names a filesystem this Hadoop does not have
   */
  public static Map<String, RunResult> run(JavaSparkContext spark, Path sweepFile, String runs, PrintStream out)
      throws Exception {
    requireNonNull(spark, "spark is null");
    requireNonNull(runs, "runs is null");
    Gen4j gen4j = Gen4j.create();
    SweepPlan plan = new SweepPlanner(gen4j.configLoader(), gen4j.catalog()).plan(SweepDefinition.read(sweepFile));
    if (isUri(runs)) {
      return runOnHadoop(spark, plan, runs, gen4j, out);
    }
    SweepDirectory directory = SweepDirectory.prepare(Path.of(runs).toAbsolutePath(), plan, gen4j.configLoader());
    try (AutoCloseable lock = directory.lock()) {
      Map<String, RunResult> results =
          runTasks(spark, plan, directory, run -> directory.run(run).toString(), directory.path().toString(), out);
      SweepSummary summary = SweepSummary.of(directory.index(), results);
      SummaryWriter.write(summary, directory.path());
      printSummary(summary, directory.path().toString(), out);
      return results;
    }
  }

  private static Map<String, RunResult> runOnHadoop(
      JavaSparkContext spark, SweepPlan plan, String runs, Gen4j gen4j, PrintStream out) throws Exception {
    org.apache.hadoop.fs.Path given = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(runs), plan.name());
    FileSystem fileSystem = fileSystem(given, spark.hadoopConfiguration(), runs);
    org.apache.hadoop.fs.Path sweep = fileSystem.makeQualified(given);
    Path copy = Files.createTempDirectory("gen4j-sweep-");
    String holder = "application " + spark.sc().applicationId() + " on " + InetAddress.getLocalHost().getHostName()
        + " since " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (AutoCloseable lock = lock(fileSystem, new org.apache.hadoop.fs.Path(sweep, SweepDirectory.LOCK_FILE), holder)) {
      RunDirectorySync sync = new RunDirectorySync(fileSystem, sweep, copy.resolve(plan.name()));
      sync.restore(SparkSweep::describesState);
      SweepDirectory directory = SweepDirectory.prepare(copy, plan, gen4j.configLoader());
      sync.upload();
      Map<String, RunResult> results = runTasks(
          spark, plan, directory, run -> new org.apache.hadoop.fs.Path(sweep, run).toString(), sweep.toString(), out);
      SweepSummary summary = SweepSummary.of(directory.index(), results);
      SummaryWriter.write(summary, directory.path(), run -> exists(fileSystem,
          new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(sweep, run), SummaryWriter.REPORT)));
      sync.upload();
      printSummary(summary, sweep.toString(), out);
      return results;
    } finally {
      try (Stream<Path> walk = Files.walk(copy)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /**
   * The Hadoop filesystem of a path from {@code --runs}.
   *
   * @throws IllegalArgumentException naming {@code --runs} if this Hadoop has no filesystem for its scheme
   */
  static FileSystem fileSystem(org.apache.hadoop.fs.Path path, Configuration hadoop, String runs) throws IOException {
    String scheme = path.toUri().getScheme();
    try {
      return path.getFileSystem(hadoop);
    } catch (UnsupportedFileSystemException e) {
      throw new IllegalArgumentException("--runs " + runs + ": Hadoop has no filesystem for the scheme " + scheme
          + " (it has hdfs, file and viewfs, and those of the connector jars Spark is given, such as hadoop-aws for s3a "
          + "and hadoop-azure for abfs)");
    } catch (RuntimeException e) {
      if (e.getCause() instanceof ClassNotFoundException) {
        throw new IllegalArgumentException("--runs " + runs + ": Hadoop's " + scheme + " filesystem, "
            + hadoop.get("fs." + scheme + ".impl") + ", is not on the class path; give the driver and the executors its "
            + "connector jar of the cluster's Hadoop version (hadoop-aws for s3a, hadoop-azure for abfs), such as with "
            + "spark-submit --packages");
      }
      throw e;
    }
  }

  /** Whether the driver needs a file of the sweep's directory (by relative path) to tell where the runs stand. */
  static boolean describesState(String relative) {
    String[] names = relative.split("/");
    return relative.equals(SweepIndex.FILE_NAME)
        || names.length == 2 && RUN_STATE_FILES.contains(names[1])
        || names.length == 4 && names[1].equals("checkpoints") && names[3].equals("state.json");
  }

  /** Runs every unfinished run as a Spark task; the results of all runs, by name in plan order. */
  private static Map<String, RunResult> runTasks(JavaSparkContext spark, SweepPlan plan, SweepDirectory directory,
      Function<String, String> runLocation, String shown, PrintStream out) {
    Map<String, RunResult> results = new LinkedHashMap<>(directory.results());
    int maxAttempts = maxAttempts(spark.sc());
    String evaluation = RunProcess.evaluationJson(plan.definition().evaluation());
    List<RunTask> tasks = new ArrayList<>();
    for (PlannedRun run : plan.runs()) {
      if (results.get(run.name()).state() != RunResult.State.FINISHED) {
        ThreadsConfig threads = run.config().training().threads();
        tasks.add(new RunTask(run.name(), runLocation.apply(run.name()), threads.intraOp(), threads.interOp(),
            evaluation, maxAttempts));
      }
    }
    out.printf("sweep %s: %d runs (%d combinations) in %s; %d to run as Spark tasks (%d skipped: finished), "
            + "up to %d attempts each%n", plan.name(), plan.runs().size(), plan.combinations().size(), shown,
        tasks.size(), plan.runs().size() - tasks.size(), maxAttempts);
    out.flush();
    if (!tasks.isEmpty()) {
      Broadcast<SerializableConfiguration> hadoop =
          spark.broadcast(new SerializableConfiguration(spark.hadoopConfiguration()));
      List<RunResult> done =
          spark.parallelize(tasks, tasks.size()).map(task -> task.execute(hadoop.value().value())).collect();
      done.forEach(result -> results.put(result.run(), result));
    }
    return results;
  }

  private static void printSummary(SweepSummary summary, String shown, PrintStream out) {
    out.println();
    out.print(SummaryWriter.markdownTable(summary));
    out.printf("%nsummary: %s/%s%nreport: %s/%s%n", shown, SummaryWriter.MARKDOWN, shown, SummaryWriter.REPORT);
    out.flush();
  }

  /**
   * Takes a sweep's lock on a Hadoop filesystem: creates the lock file, which must not exist, holding
   * {@code holder}; closing deletes it. A driver that dies leaves the file behind.
   *
   * @param holder who takes the lock, such as the Spark application, host and time
   * @throws IllegalArgumentException naming the holder if the file exists
   */
  static AutoCloseable lock(FileSystem fileSystem, org.apache.hadoop.fs.Path file, String holder) throws IOException {
    try (FSDataOutputStream out = fileSystem.create(file, false)) {
      out.write(holder.getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      String other;
      try (FSDataInputStream in = fileSystem.open(file)) {
        other = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException unreadable) {
        other = "unknown";
      }
      throw new IllegalArgumentException(file.getParent() + ": another gen4j sweep is running on this directory ("
          + other + "); if none is, delete " + file);
    }
    return () -> fileSystem.delete(file, false);
  }

  private static boolean exists(FileSystem fileSystem, org.apache.hadoop.fs.Path file) {
    try {
      return fileSystem.exists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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
