package io.gen4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.cli.Gen4jCommand;
import io.gen4j.sweep.LocalSweepExecutor;
import io.gen4j.sweep.RunProcess;
import io.gen4j.sweep.RunRecord;
import io.gen4j.sweep.RunResult;
import io.gen4j.sweep.SummaryWriter;
import io.gen4j.sweep.SweepDefinition;
import io.gen4j.sweep.SweepDirectory;
import io.gen4j.sweep.SweepPlan;
import io.gen4j.sweep.SweepPlanner;
import io.gen4j.sweep.SweepProgress;
import io.gen4j.sweep.SweepSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep run for real three times: by the local executor, and on Spark in local mode with retries
 * ({@code local[2,2]}), once into a shared path and once into HDFS (an in-process MiniDFSCluster), each
 * time while one run's process is SIGKILLed in the middle of training. Spark retries that task, the retry
 * resumes the run from its checkpoint, and the summaries hold the same figures as the local executor's to
 * the last bit (training and evaluation are deterministic on CPU with the same threads: one per run here,
 * every way).
 */
class SparkSweepTest {

  /** Two tiny GANs, one seed; long enough (400 steps) to be killed between checkpoints. */
  static final String SWEEP = """
      {"name": "tiny",
       "base": {"model": {"type": "gan", "generatorLayers": [32], "discriminatorLayers": [32]},
                "data": {"batchSize": 32, "limit": 2000},
                "training": {"steps": 400, "logInterval": 10, "sampleInterval": 200, "checkpointInterval": 100}},
       "axes": {"model.loss": ["non-saturating", "hinge"]},
       "seeds": [3],
       "eval": {"samples": 200, "testImages": 500, "kidSubsets": 10, "kidSubsetSize": 100,
                "featureNetwork": {"epochs": 1, "fineTuningEpochs": 0, "limit": 2000}}}
      """;

  private static final String KILLED = "loss-hinge_s3";
  private static final String IMAGES_PER_SECOND = "\"images_per_second\":[0-9.E-]+";

  @TempDir static Path directory;

  private static Path sweepFile;

  /** The sweep's directory as the local executor left it. */
  private static SweepDirectory local;

  @BeforeAll
  static void runTheSweepWithTheLocalExecutor() throws Exception {
    sweepFile = directory.resolve("tiny.json");
    Files.writeString(sweepFile, SWEEP);
    Gen4j gen4j = Gen4j.create();
    SweepPlan plan = new SweepPlanner(gen4j.configLoader(), gen4j.catalog()).plan(SweepDefinition.read(sweepFile));
    local = SweepDirectory.prepare(directory.resolve("local"), plan, gen4j.configLoader());
    RunProcess process = new RunProcess(RunProcess.javaCommand(System.getProperty("java.class.path"),
        Gen4jCommand.class.getName(), List.of("sweep", "--worker")), Map.of());
    Map<String, RunResult> localResults;
    try (SweepProgress progress = new SweepProgress(System.out, false, local, LocalSweepExecutor.totalSteps(plan))) {
      localResults = new LocalSweepExecutor(process, 2, 2).execute(plan, local, progress);
    }
    SummaryWriter.write(SweepSummary.of(local.index(), localResults), local.path());
  }

  @Test
  void aKilledRunIsRetriedBySparkResumesAndTheSummaryMatchesTheLocalExecutorsBitForBit() throws Exception {
    Path sparkRuns = directory.resolve("spark");
    Path killedRun = sparkRuns.resolve("tiny").resolve(KILLED);
    AtomicLong killedAt = new AtomicLong(-1);
    Thread killer = startKiller(argument -> argument.equals(killedRun.toString()), () -> 100, killedAt);
    Map<String, RunResult> sparkResults = runOnSpark(sparkRuns.toString(), "shared path");
    killer.join(TimeUnit.SECONDS.toMillis(5));

    assertThat(killedAt.get()).as("the run's process was killed between checkpoints").isBetween(110L, 379L);
    assertThat(sparkResults.values()).extracting(RunResult::state).containsOnly(RunResult.State.FINISHED);
    assertResumedOnceAndLikeTheLocalExecutors(sparkRuns.resolve("tiny"));
  }

  @Test
  void onHdfsEachTaskTrainsLocallyAndAKilledRunResumesFromItsUploadedCheckpoint() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("hdfs").toString());
    conf.setInt(RunDirectorySyncTest.CLOSE_WAIT, 20);
    long testStart = System.currentTimeMillis();
    try (MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build()) {
      hdfs.waitActive();
      FileSystem fileSystem = hdfs.getFileSystem();
      org.apache.hadoop.fs.Path runs = fileSystem.makeQualified(new org.apache.hadoop.fs.Path("/sweeps"));
      org.apache.hadoop.fs.Path killedRun = new org.apache.hadoop.fs.Path(runs, "tiny/" + KILLED);
      org.apache.hadoop.fs.Path checkpoints = new org.apache.hadoop.fs.Path(killedRun, "checkpoints");
      AtomicLong killedAt = new AtomicLong(-1);
      Thread killer = startKiller(argument -> argument.endsWith("/" + KILLED) && !argument.startsWith("hdfs:"),
          () -> uploadedCheckpoint(fileSystem, checkpoints), killedAt);
      Map<String, RunResult> sparkResults = runOnSpark(runs.toString(), "HDFS");
      killer.join(TimeUnit.SECONDS.toMillis(5));

      assertThat(killedAt.get()).as("the run's process was killed between checkpoints, after one was uploaded")
          .isBetween(110L, 379L);
      assertThat(sparkResults.values()).extracting(RunResult::state).containsOnly(RunResult.State.FINISHED);
      assertThat(fileSystem.exists(new org.apache.hadoop.fs.Path(runs, "tiny/" + SweepDirectory.LOCK_FILE)))
          .as("the lock is released").isFalse();
      Path copy = directory.resolve("from-hdfs");
      new RunDirectorySync(fileSystem, new org.apache.hadoop.fs.Path(runs, "tiny"), copy).restore();
      assertResumedOnceAndLikeTheLocalExecutors(copy);
      assertThat(copy.resolve(KILLED).resolve(RunDirectorySync.RUN_LOCK))
          .as("each attempt's run lock stays on its own machine").doesNotExist();

      List<String> processes = Files.readAllLines(copy.resolve(KILLED).resolve(RunProcess.LOG_FILE)).stream()
          .filter(line -> line.startsWith("=== ")).toList();
      List<Path> workingDirectories = processes.stream().map(SparkSweepTest::runDirectoryArgument).toList();
      assertThat(workingDirectories).as("each attempt trained in a local directory of its own, deleted after it")
          .hasSize(2).doesNotHaveDuplicates().allSatisfy(path -> {
            assertThat(path.getFileName().toString()).isEqualTo(KILLED);
            assertThat(path.getParent()).doesNotExist();
          });
      try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        assertThat(left.filter(path -> (path.getFileName().toString().startsWith("gen4j-run-")
            || path.getFileName().toString().startsWith("gen4j-sweep-")) && path.toFile().lastModified() >= testStart))
            .as("local copies left behind").isEmpty();
      }
      assertThat(Files.readString(copy.resolve(SummaryWriter.REPORT)))
          .contains("<a href=\"" + KILLED + "/index.html\">", "<a href=\"loss-non-saturating_s3/index.html\">");
      assertThat(copy.resolve(SummaryWriter.MARKDOWN)).isRegularFile();
      assertThat(copy.resolve(SummaryWriter.PLOT)).isRegularFile();
    }
  }

  @Test
  void aRunsUriOfAFilesystemHadoopDoesNotHaveIsRefusedWithWhatItNeeds() {
    String s3 = "s3a://bucket/sweeps";
    assertThatThrownBy(() -> SparkSweep.fileSystem(new org.apache.hadoop.fs.Path(s3), new Configuration(), s3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--runs s3a://bucket/sweeps: Hadoop's s3a filesystem, org.apache.hadoop.fs.s3a.S3AFileSystem, is not "
            + "on the class path; give the driver and the executors its connector jar of the cluster's Hadoop version "
            + "(hadoop-aws for s3a, hadoop-azure for abfs), such as with spark-submit --packages");
    String unknown = "nfs4://server/sweeps";
    assertThatThrownBy(() -> SparkSweep.fileSystem(new org.apache.hadoop.fs.Path(unknown), new Configuration(), unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--runs nfs4://server/sweeps: Hadoop has no filesystem for the scheme nfs4 (it has hdfs, file and "
            + "viewfs, and those of the connector jars Spark is given, such as hadoop-aws for s3a and hadoop-azure for abfs)");
    assertThat(SparkSweep.isUri("hdfs://namenode/sweeps")).isTrue();
    assertThat(SparkSweep.isUri("file:///mnt/sweeps")).isTrue();
    assertThat(SparkSweep.isUri("/mnt/sweeps")).isFalse();
    assertThat(SparkSweep.isUri("runs")).isFalse();
  }

  @Test
  void aSweepDirectoryOnHadoopIsLockedUntilItsDriverEnds() throws Exception {
    FileSystem fileSystem = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path lockFile = new org.apache.hadoop.fs.Path(directory.resolve("locked/tiny/sweep.lock").toUri());
    try (AutoCloseable lock = SparkSweep.lock(fileSystem, lockFile, "application app-1 on host-a since 2025-01-01T00:00:00Z")) {
      assertThatThrownBy(() -> SparkSweep.lock(fileSystem, lockFile, "application app-2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(lockFile.getParent() + ": another gen4j sweep is running on this directory (application app-1 on "
              + "host-a since 2025-01-01T00:00:00Z); if none is, delete " + lockFile);
    }
    SparkSweep.lock(fileSystem, lockFile, "application app-2").close();
    assertThat(fileSystem.exists(lockFile)).isFalse();
  }

  private static Map<String, RunResult> runOnSpark(String runs, String where) throws Exception {
    SparkConf conf = new SparkConf()
        .setMaster("local[2,2]")
        .setAppName("gen4j sweep test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.hadoop." + RunDirectorySyncTest.CLOSE_WAIT, "20");
    long start = System.nanoTime();
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      Map<String, RunResult> results = SparkSweep.run(spark, sweepFile, runs, System.out);
      System.out.printf("Spark local-mode sweep into a %s (2 runs, one killed and retried): %.1f s%n", where,
          (System.nanoTime() - start) / 1e9);
      return results;
    }
  }

  /**
   * The killed run was trained by two processes, the second resuming the first's work (a resumed run adds
   * a TensorBoard event file; a run started over would have deleted the first), the other by one; the
   * summaries and the killed run's metrics are the local executor's, timings aside.
   */
  private static void assertResumedOnceAndLikeTheLocalExecutors(Path sweep) throws Exception {
    Path killedRun = sweep.resolve(KILLED);
    assertThat(RunRecord.read(killedRun).attempts()).isEqualTo(2);
    String log = Files.readString(killedRun.resolve(RunProcess.LOG_FILE), StandardCharsets.UTF_8);
    assertThat(log.split("=== ", -1)).as("two processes ran the run").hasSize(3);
    try (var events = Files.list(killedRun.resolve("tensorboard"))) {
      assertThat(events.filter(file -> file.getFileName().toString().startsWith("events.out.tfevents"))).hasSize(2);
    }
    assertThat(RunRecord.read(sweep.resolve("loss-non-saturating_s3")).attempts()).isEqualTo(1);

    assertThat(withoutTimings(sweep.resolve(SummaryWriter.CSV)))
        .isEqualTo(withoutTimings(local.path().resolve(SummaryWriter.CSV)))
        .hasSize(3);
    assertThat(withoutTimings(sweep.resolve(SummaryWriter.RUNS_CSV)))
        .isEqualTo(withoutTimings(local.path().resolve(SummaryWriter.RUNS_CSV)));
    assertThat(Files.readString(killedRun.resolve("metrics.jsonl")).replaceAll(IMAGES_PER_SECOND, ""))
        .isEqualTo(Files.readString(local.run(KILLED).resolve("metrics.jsonl")).replaceAll(IMAGES_PER_SECOND, ""));
  }

  /**
   * Starts a thread that SIGKILLs the run's process between checkpoints: once it is 10 steps past the
   * checkpoint {@code checkpoint} tells (the latest in the shared copy; -1 while there is none), and at
   * least 110 steps into the run, but 20 or more before its end.
   *
   * @param isRunDirectory tells the run's directory among a process's arguments
   */
  private static Thread startKiller(Predicate<String> isRunDirectory, LongSupplier checkpoint, AtomicLong killedAt) {
    Thread killer = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
          Optional<String> runDirectory = commandLine(child).stream().filter(isRunDirectory).findFirst();
          long step = runDirectory.map(argument -> lastStep(Path.of(argument))).orElse(-1L);
          long saved = step < 0 ? -1 : checkpoint.getAsLong();
          if (saved > 0 && step >= Math.max(110, saved + 10) && step < 380) {
            child.destroyForcibly();
            killedAt.set(step);
            System.out.printf("killed the run's process at step %d (checkpoint %d saved)%n", step, saved);
            return;
          }
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "killer");
    killer.setDaemon(true);
    killer.start();
    return killer;
  }

  /** The run directory a worker process was started on, from its line in {@code sweep.log}. */
  private static Path runDirectoryArgument(String logLine) {
    List<String> words = Arrays.asList(logLine.split(" "));
    return Path.of(words.get(words.indexOf(RunProcess.THREADS_OPTION) - 1));
  }

  /** The step of the latest checkpoint in a shared checkpoints directory; -1 if none. */
  private static long uploadedCheckpoint(FileSystem fileSystem, org.apache.hadoop.fs.Path checkpoints) {
    try {
      long latest = -1;
      for (FileStatus status : fileSystem.listStatus(checkpoints)) {
        String name = status.getPath().getName();
        if (name.matches("step-\\d+")) {
          latest = Math.max(latest, Long.parseLong(name.substring(5)));
        }
      }
      return latest;
    } catch (IOException e) {
      return -1; // none yet
    }
  }

  /**
   * A process's whole command line, from {@code /proc} (Linux): {@link ProcessHandle.Info#arguments()} is
   * empty when the command line is longer than a page, as a child's class path of test jars makes it.
   */
  static List<String> commandLine(ProcessHandle process) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
      return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0"));
    } catch (Exception e) {
      return List.of();
    }
  }

  private static long lastStep(Path runDirectory) {
    try {
      List<String> lines = Files.readAllLines(runDirectory.resolve("metrics.jsonl"));
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (line.startsWith("{\"step\":") && line.endsWith("}")) {
          return Long.parseLong(line.substring(8, line.indexOf(',')));
        }
      }
    } catch (Exception e) {
      // not written yet
    }
    return -1;
  }

  /** The CSV's cells without the timing columns (wall time and throughput differ from run to run). */
  private static List<List<String>> withoutTimings(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = Arrays.asList(line.split(",", -1));
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        if (!header.get(i).startsWith("training_seconds") && !header.get(i).startsWith("images_per_second")) {
          kept.add(cells.get(i));
        }
      }
      rows.add(kept);
    }
    return rows;
  }
}
