package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.eval.FeatureNetworkCache;
import io.gen4j.sweep.RunProcess;
import io.gen4j.sweep.RunRecord;
import io.gen4j.sweep.RunResult;
import io.gen4j.sweep.SummaryWriter;
import io.gen4j.sweep.SweepDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen4j sweep} as a user runs it: a sweep killed in the middle of its second run, started again,
 * skips the finished run, resumes the killed one from its checkpoint and starts the one that never ran;
 * {@code --report} rebuilds the summary; and the one-line errors.
 */
class SweepCommandTest {

  private static final String SWEEP = """
      {"name": "tiny",
       "base": {"model": {"type": "gan", "generatorLayers": [32], "discriminatorLayers": [32]},
                "data": {"batchSize": 32, "limit": 2000},
                "training": {"steps": 400, "logInterval": 10, "sampleInterval": 200, "checkpointInterval": 100}},
       "axes": {"model.loss": ["non-saturating", "hinge", "least-squares"]},
       "seeds": [5],
       "eval": {"samples": 200, "testImages": 500, "kidSubsets": 10, "kidSubsetSize": 100,
                "featureNetwork": {"epochs": 1, "fineTuningEpochs": 0, "limit": 2000}}}
      """;

  @TempDir static Path cache;
  private static String previousCache;

  @TempDir Path directory;

  private record Outcome(int status, String out, String err) {}

  @BeforeAll
  static void useATemporaryFeatureNetworkCache() {
    previousCache = System.getProperty(FeatureNetworkCache.DIRECTORY_PROPERTY);
    System.setProperty(FeatureNetworkCache.DIRECTORY_PROPERTY, cache.toString());
  }

  @AfterAll
  static void restoreTheCache() {
    if (previousCache == null) {
      System.clearProperty(FeatureNetworkCache.DIRECTORY_PROPERTY);
    } else {
      System.setProperty(FeatureNetworkCache.DIRECTORY_PROPERTY, previousCache);
    }
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void aKilledSweepStartedAgainSkipsFinishedRunsAndResumesTheUnfinishedOne() throws Exception {
    Path sweep = directory.resolve("tiny.json");
    Files.writeString(sweep, SWEEP);
    Path runs = directory.resolve("runs");
    Path first = runs.resolve("tiny/loss-non-saturating_s5");
    Path second = runs.resolve("tiny/loss-hinge_s5");
    Path third = runs.resolve("tiny/loss-least-squares_s5");
    Process sweepProcess = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-D" + FeatureNetworkCache.DIRECTORY_PROPERTY + "=" + cache,
            "-cp", System.getProperty("java.class.path"), Gen4jCommand.class.getName(),
            "sweep", sweep.toString(), "--runs", runs.toString(), "--parallel", "1", "--no-progress-bar")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("first-sweep.log").toFile())
        .start();
    long killedAt = -1;
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline && sweepProcess.isAlive()) {
        long step = lastStep(second);
        if (step >= 150 && step < 380) {
          sweepProcess.destroyForcibly(); // SIGKILL: the sweep gets no chance to clean up
          killedAt = step;
          break;
        }
        Thread.sleep(5);
      }
    } finally {
      sweepProcess.destroyForcibly();
      sweepProcess.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(killedAt).as("the sweep was killed during its second run (log: %s)",
        Files.readString(directory.resolve("first-sweep.log"))).isPositive();
    // The run's own process goes with the sweep that started it, rather than training on unattended.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && processOf(second)) {
      Thread.sleep(50);
    }
    assertThat(processOf(second)).as("the killed sweep's run process has exited").isFalse();

    SweepDirectory killed = SweepDirectory.open(runs.resolve("tiny"));
    Map<String, RunResult> before = killed.results();
    assertThat(before.get("loss-non-saturating_s5").state()).isEqualTo(RunResult.State.FINISHED);
    assertThat(before.get("loss-hinge_s5").state()).isEqualTo(RunResult.State.UNFINISHED);
    assertThat(before.get("loss-least-squares_s5").state()).isEqualTo(RunResult.State.PENDING);

    Outcome again = run("sweep", sweep.toString(), "--runs", runs.toString(), "--parallel", "1", "--no-progress-bar");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(killed.results().values()).extracting(RunResult::state).containsOnly(RunResult.State.FINISHED);
    assertThat(RunRecord.read(first).attempts()).isEqualTo(1);
    assertThat(Files.readString(first.resolve(RunProcess.LOG_FILE)).split("=== ", -1)).hasSize(2);
    assertThat(RunRecord.read(second).attempts()).isEqualTo(2);
    assertThat(Files.readString(second.resolve(RunProcess.LOG_FILE))).contains("resuming from its latest checkpoint");
    assertThat(RunRecord.read(third).attempts()).isEqualTo(1);
    assertThat(again.out()).contains("| 1/1 |", "summary: " + runs.resolve("tiny").resolve(SummaryWriter.MARKDOWN));
    String summary = Files.readString(runs.resolve("tiny").resolve(SummaryWriter.MARKDOWN));
    assertThat(summary).contains("| non-saturating | 1/1 |", "| hinge | 1/1 |", "| least-squares | 1/1 |");

    for (String file : List.of(SummaryWriter.CSV, SummaryWriter.MARKDOWN, SummaryWriter.PLOT, SummaryWriter.REPORT)) {
      Files.delete(runs.resolve("tiny").resolve(file));
    }
    Outcome report = run("sweep", "--report", runs.resolve("tiny").toString());
    assertThat(report.status()).isZero();
    assertThat(Files.readString(runs.resolve("tiny").resolve(SummaryWriter.MARKDOWN))).isEqualTo(summary);
    assertThat(runs.resolve("tiny").resolve(SummaryWriter.PLOT)).isRegularFile();
    assertThat(Files.readString(runs.resolve("tiny").resolve(SummaryWriter.REPORT)))
        .contains("<a href=\"loss-hinge_s5/index.html\">loss-hinge_s5</a>");
  }

  @Test
  void mistakesAreOneLineUsageErrors() throws Exception {
    Outcome neither = run("sweep");
    assertThat(neither.status()).isEqualTo(2);
    assertThat(neither.err()).contains("give either SWEEP.json or --report DIR");

    Outcome notASweep = run("sweep", "--report", directory.toString());
    assertThat(notASweep.status()).isEqualTo(2);
    assertThat(notASweep.err()).isEqualTo(
        "gen4j: " + directory + ": not a sweep directory (no plan.json)" + System.lineSeparator());

    Path bad = directory.resolve("bad.json");
    Files.writeString(bad, "{\"base\": {\"model\": {\"type\": \"gan\"}}, \"axes\": {\"model.loss\": [\"hinge\", \"wgan\"]}}");
    Outcome refused = run("sweep", bad.toString(), "--runs", directory.resolve("runs").toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).startsWith("gen4j: " + bad + ": axis model.loss, value wgan: " + bad + " $.base: $.model.loss: expected one of")
        .endsWith("(overridden: model.loss=wgan)" + System.lineSeparator());
    assertThat(directory.resolve("runs")).doesNotExist(); // refused before anything was written

    Files.writeString(bad, "{\"base\": {\"model\": {\"type\": \"gan\"}}}");
    Outcome parallel = run("sweep", bad.toString(), "--parallel", "0");
    assertThat(parallel.status()).isEqualTo(2);
    assertThat(parallel.err()).contains("--parallel must be at least 1, got 0");
  }

  private static boolean processOf(Path runDirectory) {
    return ProcessHandle.current().descendants().anyMatch(handle -> matches(handle, runDirectory))
        || ProcessHandle.allProcesses().anyMatch(handle -> matches(handle, runDirectory));
  }

  /**
   * Whether a process runs this run, from its whole command line in {@code /proc} (Linux): {@link
   * ProcessHandle.Info#arguments()} is empty when the command line is longer than a page, as a child's
   * class path of test jars makes it.
   */
  private static boolean matches(ProcessHandle handle, Path runDirectory) {
    try {
      byte[] bytes = Files.readAllBytes(Path.of("/proc", String.valueOf(handle.pid()), "cmdline"));
      return handle.isAlive()
          && Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")).contains(runDirectory.toString());
    } catch (java.io.IOException e) {
      return false; // the process has gone
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
}
