package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.Gen4j;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.report.RunStatus;
import io.gen4j.spi.StepCompleted;
import io.gen4j.spi.TrainingListener;
import io.gen4j.testing.LockHolderMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run survives what a crash, a second writer or a careless user does to its directory: one writer at a
 * time, resume from the newest intact checkpoint (or from step 0 without one), a torn metrics line, a
 * dead process's status, and config mistakes caught before a run directory exists.
 */
class RunRobustnessTest {

  private final Gen4j gen4j = Gen4j.create();

  private ExperimentConfig parse(String json) {
    return gen4j.configLoader().parse(json, "test.json");
  }

  private static Path onlyRun(Path runs, String prefix) throws Exception {
    try (Stream<Path> entries = Files.list(runs)) {
      return entries.filter(path -> path.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  private static List<String> entries(Path directory) throws Exception {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** Throws from the first logged step, before any checkpoint: what a kill there leaves. */
  private static TrainingListener crashAtStep(long crashStep) {
    return new TrainingListener() {
      @Override
      public void afterStep(StepCompleted event) {
        if (event.step() == crashStep) {
          throw new IllegalStateException("simulated crash at step " + event.step());
        }
      }
    };
  }

  @Test
  void aRunStoppedBeforeItsFirstCheckpointResumesFromStepZeroToTheSameResult(@TempDir Path runs) throws Exception {
    TrainingResult whole = gen4j.experiments().train(parse(ResumeAndReproducibilityTest.config(runs, 60, 30, "whole")), List.of());
    assertThatThrownBy(() -> gen4j.experiments().train(
        parse(ResumeAndReproducibilityTest.config(runs, 60, 30, "early")), List.of(crashAtStep(10))))
        .hasMessage("simulated crash at step 10");
    Path early = onlyRun(runs, "early-");
    assertThat(early.resolve("checkpoints")).doesNotExist();
    Files.writeString(early.resolve("metrics.jsonl"), "{\"step\": 15, \"epoch\": 0, \"d_lo", StandardOpenOption.APPEND);

    TrainingResult resumed = gen4j.experiments().resume(early, List.of());

    assertThat(resumed.steps()).isEqualTo(60);
    assertThat(ResumeAndReproducibilityTest.finalVariables(early, 60))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(whole.runDirectory(), 60));
    List<JsonNode> lines = ResumeAndReproducibilityTest.metricsWithoutTimings(early);
    assertThat(lines).filteredOn(line -> line.has("warning")).extracting(line -> line.get("warning").asText())
        .containsExactly("restarted");
    assertThat(lines).filteredOn(line -> !line.has("warning"))
        .isEqualTo(ResumeAndReproducibilityTest.metricsWithoutTimings(whole.runDirectory()));
  }

  @Test
  void aDamagedLatestCheckpointFallsBackToTheNewestIntactOne(@TempDir Path runs) throws Exception {
    TrainingResult whole = gen4j.experiments().train(parse(ResumeAndReproducibilityTest.config(runs, 60, 20, "whole")), List.of());
    assertThatThrownBy(() -> gen4j.experiments().train(
        parse(ResumeAndReproducibilityTest.config(runs, 60, 20, "damaged")), List.of(crashAtStep(45))))
        .hasMessage("simulated crash at step 45");
    Path run = onlyRun(runs, "damaged-");
    Path latest = run.resolve("checkpoints/step-00000040");
    Path data = latest.resolve("variables.data-00000-of-00001");
    Files.write(data, Arrays.copyOf(Files.readAllBytes(data), 100));

    TrainingResult resumed = gen4j.experiments().resume(run, List.of());

    assertThat(resumed.steps()).isEqualTo(60);
    assertThat(ResumeAndReproducibilityTest.finalVariables(run, 60))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(whole.runDirectory(), 60));
    List<JsonNode> warnings = ResumeAndReproducibilityTest.metricsWithoutTimings(run).stream()
        .filter(line -> line.has("warning")).toList();
    assertThat(warnings).singleElement().satisfies(warning -> {
      assertThat(warning.get("warning").asText()).isEqualTo("checkpoint-skipped");
      assertThat(warning.get("message").asText()).isEqualTo("skipped the damaged checkpoint " + latest + " (" + data
          + ": 100 bytes, the manifest says " + Files.size(whole.runDirectory().resolve("checkpoints/step-00000040")
              .resolve("variables.data-00000-of-00001")) + "); trying an older one");
    });
  }

  @Test
  void oneWriterPerRunAndAStaleLockIsTakenOver(@TempDir Path runs) throws Exception {
    Path run = gen4j.experiments().train(parse(ResumeAndReproducibilityTest.config(runs, 10, 10, "locked")), List.of())
        .runDirectory();
    RunDirectory directory = RunDirectory.open(run);
    try (RunLock held = RunLock.acquire(directory, message -> { })) {
      assertThatThrownBy(() -> gen4j.experiments().resume(run, List.of()))
          .isInstanceOf(RunDirectoryException.class)
          .hasMessage(run + ": this process is training the run already; one writer per run");
    }
    Process holder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), run.toString())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> gen4j.experiments().resume(run, List.of()))
          .isInstanceOf(RunDirectoryException.class)
          .hasMessage(run + ": another gen4j process (PID " + holder.pid() + " on host " + ProcessIdentity.localHost()
              + ") is training this run; wait for it to end or stop it first");
    } finally {
      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    List<String> takeovers = new ArrayList<>();
    try (RunLock taken = RunLock.acquire(directory, takeovers::add)) {
      assertThat(takeovers).containsExactly(run + ": took over the lock of PID " + holder.pid() + " on host "
          + ProcessIdentity.localHost() + ", which is no longer running");
    }
  }

  @Test
  void aRunningStatusWhoseProcessIsGoneReadsAsInterrupted(@TempDir Path runs) throws Exception {
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path status = runs.resolve("status.json");
    Files.writeString(status, JsonMapper.builder().build().createObjectNode()
        .put("state", "running").put("step", 120).put("totalSteps", 600).put("pid", gone.pid())
        .put("host", ProcessIdentity.localHost()).put("startMillis", -1).toString());

    RunStatus read = RunStatus.read(status);

    assertThat(read).isInstanceOf(RunStatus.Interrupted.class);
    assertThat(read.describe()).isEqualTo("interrupted: last recorded at step 120 of 600, then PID " + gone.pid()
        + " on host " + ProcessIdentity.localHost() + " ended without finishing; gen4j train --resume continues it"
        + " from its last checkpoint");
    Files.writeString(status, JsonMapper.builder().build().createObjectNode()
        .put("state", "running").put("step", 120).put("totalSteps", 600).put("pid", ProcessHandle.current().pid())
        .put("host", ProcessIdentity.localHost()).put("startMillis", ProcessIdentity.current().startMillis()).toString());
    assertThat(RunStatus.read(status)).isInstanceOf(RunStatus.Running.class);
  }

  @Test
  void aStepBeyondTheRunsLengthIsRefused(@TempDir Path runs) throws Exception {
    Path run = gen4j.experiments().train(parse(ResumeAndReproducibilityTest.config(runs, 20, 10, "short")), List.of())
        .runDirectory();
    Files.writeString(run.resolve("config.json"), Files.readString(run.resolve("config.json"))
        .replace("\"steps\" : 20", "\"steps\" : 10"));

    assertThatThrownBy(() -> gen4j.experiments().resume(run, List.of()))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(run.resolve("checkpoints/step-00000020") + ": step 20 is beyond the run's 10 steps");
  }

  @Test
  void configMistakesFoundLateLeaveNoRunDirectory(@TempDir Path runs) throws Exception {
    String batchTooLarge = ResumeAndReproducibilityTest.config(runs, 10, 10, "big").replace("\"batchSize\": 16", "\"batchSize\": 500");
    assertThatThrownBy(() -> gen4j.experiments().train(parse(batchTooLarge), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("experiment 'big': $.data.batchSize: 500 is more than the 400 images of mnist-train (data.limit)");
    String huge = ResumeAndReproducibilityTest.config(runs, 10, 10, "huge")
        .replace("\"hidden\": 24", "\"hidden\": 65536, \"latentSize\": 65536");
    assertThatThrownBy(() -> gen4j.experiments().train(parse(huge), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("experiment 'huge': $.model: at batch size 16 the model needs about ")
        .hasMessageContaining("more than this machine's ")
        .hasMessageEndingWith("; make the model or $.data.batchSize smaller");
    assertThat(runs).isEmptyDirectory();
  }

  @Test
  void runDirectoryProblemsAreOneLine(@TempDir Path work) throws Exception {
    Path file = Files.writeString(work.resolve("file"), "x");
    assertThatThrownBy(() -> RunDirectory.create(file, "run", java.time.LocalDateTime.now()))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessage("runs directory " + file + " is a file, not a directory");
    assertThatThrownBy(() -> RunDirectory.create(file.resolve("runs"), "run", java.time.LocalDateTime.now()))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessage("runs directory " + file.resolve("runs") + " lies under " + file + ", which is a file");
    Path longName = work.resolve("r".repeat(300));
    assertThatThrownBy(() -> RunDirectory.create(longName, "run", java.time.LocalDateTime.now()))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessage("cannot create the runs directory " + longName + ": file name too long");
    assertThatThrownBy(() -> RunDirectory.create(work, "../escape", java.time.LocalDateTime.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run name must be letters, digits, '.', '_' or '-' (it names a directory), got '../escape'");
    assertThat(entries(work)).containsExactly("file");
  }
}
