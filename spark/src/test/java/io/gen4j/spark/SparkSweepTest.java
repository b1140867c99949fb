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
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep run for real twice: by the local executor, and on Spark in local mode with retries
 * ({@code local[2,2]}) while one run's process is SIGKILLed in the middle of training. Spark retries that
 * task, the retry resumes the run from its checkpoint, and the two summaries hold the same figures to
 * the last bit (training and evaluation are deterministic on CPU with the same threads: one per run
 * here, both ways).
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

  @TempDir Path directory;

  @Test
  void aKilledRunIsRetriedBySparkResumesAndTheSummaryMatchesTheLocalExecutorsBitForBit() throws Exception {
    Path sweepFile = directory.resolve("tiny.json");
    Files.writeString(sweepFile, SWEEP);
    Gen4j gen4j = Gen4j.create();
    SweepPlan plan = new SweepPlanner(gen4j.configLoader(), gen4j.catalog()).plan(SweepDefinition.read(sweepFile));

    SweepDirectory local = SweepDirectory.prepare(directory.resolve("local"), plan, gen4j.configLoader());
    RunProcess process = new RunProcess(RunProcess.javaCommand(System.getProperty("java.class.path"),
        Gen4jCommand.class.getName(), List.of("sweep", "--worker")), Map.of());
    Map<String, RunResult> localResults;
    try (SweepProgress progress = new SweepProgress(System.out, false, local, LocalSweepExecutor.totalSteps(plan))) {
      localResults = new LocalSweepExecutor(process, 2, 2).execute(plan, local, progress);
    }
    SummaryWriter.write(SweepSummary.of(local.index(), localResults), local.path());

    Path sparkRuns = directory.resolve("spark");
    Path killedRun = sparkRuns.resolve("tiny").resolve(KILLED);
    AtomicLong killedAt = new AtomicLong(-1);
    Thread killer = new Thread(() -> killMidRun(killedRun, killedAt), "killer");
    killer.setDaemon(true);
    killer.start();
    SparkConf conf = new SparkConf()
        .setMaster("local[2,2]")
        .setAppName("gen4j sweep test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    long start = System.nanoTime();
    Map<String, RunResult> sparkResults;
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      sparkResults = SparkSweep.run(spark, sweepFile, sparkRuns, System.out);
    }
    System.out.printf("Spark local-mode sweep (2 runs, one killed and retried): %.1f s%n", (System.nanoTime() - start) / 1e9);
    killer.join(TimeUnit.SECONDS.toMillis(5));

    assertThat(killedAt.get()).as("the run's process was killed between checkpoints").isBetween(110L, 390L);
    assertThat(sparkResults.values()).extracting(RunResult::state).containsOnly(RunResult.State.FINISHED);
    assertThat(RunRecord.read(killedRun).attempts()).isEqualTo(2);
    String log = Files.readString(killedRun.resolve(RunProcess.LOG_FILE), StandardCharsets.UTF_8);
    assertThat(log.split("=== ", -1)).as("two processes ran the run").hasSize(3);
    // A resumed run adds a TensorBoard event file; a run started over would have deleted the first one.
    try (var events = Files.list(killedRun.resolve("tensorboard"))) {
      assertThat(events.filter(file -> file.getFileName().toString().startsWith("events.out.tfevents"))).hasSize(2);
    }
    assertThat(RunRecord.read(sparkRuns.resolve("tiny").resolve("loss-non-saturating_s3")).attempts()).isEqualTo(1);

    assertThat(withoutTimings(sparkRuns.resolve("tiny").resolve(SummaryWriter.CSV)))
        .isEqualTo(withoutTimings(local.path().resolve(SummaryWriter.CSV)))
        .hasSize(3);
    assertThat(withoutTimings(sparkRuns.resolve("tiny").resolve(SummaryWriter.RUNS_CSV)))
        .isEqualTo(withoutTimings(local.path().resolve(SummaryWriter.RUNS_CSV)));
    assertThat(Files.readString(killedRun.resolve("metrics.jsonl")).replaceAll("\"images_per_second\":[0-9.E-]+", ""))
        .isEqualTo(Files.readString(local.run(KILLED).resolve("metrics.jsonl")).replaceAll("\"images_per_second\":[0-9.E-]+", ""));
  }

  @Test
  void aHadoopUriIsRefusedWithWhatToDoInstead() {
    assertThatThrownBy(() -> SparkSweep.sharedPath("hdfs://namenode/sweeps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--runs hdfs://namenode/sweeps: runs are written with Java's file API, so give a path every node "
            + "mounts at the same place (NFS, a Kubernetes volume, a Hadoop filesystem through its NFS gateway or a "
            + "FUSE mount); hdfs:// URIs are not written to directly");
    assertThat(SparkSweep.sharedPath("file:///mnt/sweeps")).isEqualTo(Path.of("/mnt/sweeps"));
  }

  /** Waits for the run's process to pass its first checkpoint and SIGKILLs it halfway to the end. */
  private static void killMidRun(Path runDirectory, AtomicLong killedAt) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> child = ProcessHandle.current().descendants()
          .filter(handle -> commandLine(handle).contains(runDirectory.toString()))
          .findFirst();
      long step = lastStep(runDirectory);
      if (child.isPresent() && step >= 150 && step < 380) {
        child.get().destroyForcibly();
        killedAt.set(step);
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
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
