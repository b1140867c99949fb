package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gen4j.Gen4j;
import io.gen4j.testing.TrainMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a training process in the middle of a checkpoint interval, resumes it, and checks that only
 * the steps since the last checkpoint were lost and that the run ends as an uninterrupted one.
 */
class KillAndResumeTest {

  private static final int STEPS = 600;
  private static final int CHECKPOINT_INTERVAL = 100;

  @Test
  void aKilledRunResumesFromItsLastCheckpointLosingAtMostOneInterval(@TempDir Path runs) throws Exception {
    Path config = runs.resolve("kill.json");
    Files.writeString(config, ResumeAndReproducibilityTest.config(runs, STEPS, CHECKPOINT_INTERVAL, "killed"));
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), TrainMain.class.getName(), config.toString())
        .redirectErrorStream(true)
        .redirectOutput(runs.resolve("process.log").toFile())
        .start();
    long killedAfter = -1;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline && process.isAlive()) {
        long logged = lastLoggedStep(runs);
        // Past the first checkpoint, halfway into an interval.
        if (logged > CHECKPOINT_INTERVAL && logged % CHECKPOINT_INTERVAL >= 40 && logged % CHECKPOINT_INTERVAL <= 80) {
          killedAfter = logged;
          process.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
          break;
        }
        Thread.sleep(5);
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(killedAfter).as("the process was killed mid-interval (log: %s)", Files.readString(runs.resolve("process.log")))
        .isPositive();

    Path run = runDirectory(runs, "killed-");
    assertThat(io.gen4j.report.RunStatus.read(run.resolve("status.json")))
        .as("a running status whose process was killed").isInstanceOf(io.gen4j.report.RunStatus.Interrupted.class);
    Checkpointer checkpointer = new Checkpointer(run.resolve("checkpoints"), 3);
    Checkpoint latest = checkpointer.latest().orElseThrow();
    assertThat(latest.state().step() % CHECKPOINT_INTERVAL).isZero();
    assertThat(killedAfter - latest.state().step()).isLessThan(CHECKPOINT_INTERVAL);

    Gen4j gen4j = Gen4j.create();
    TrainingResult resumed = gen4j.experiments().resume(run, List.of());
    assertThat(resumed.steps()).isEqualTo(STEPS);
    List<JsonNode> metrics = ResumeAndReproducibilityTest.metricsWithoutTimings(run);
    assertThat(metrics).extracting(line -> line.get("step").asLong())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, STEPS / 5).map(i -> i * 5).boxed().toList());

    TrainingResult uninterrupted = gen4j.experiments().train(
        gen4j.configLoader().parse(ResumeAndReproducibilityTest.config(runs, STEPS, CHECKPOINT_INTERVAL, "whole"), "w.json"),
        List.of());
    assertThat(ResumeAndReproducibilityTest.finalVariables(run, STEPS))
        .isEqualTo(ResumeAndReproducibilityTest.finalVariables(uninterrupted.runDirectory(), STEPS));
  }

  private static long lastLoggedStep(Path runs) throws Exception {
    Optional<Path> run = findRun(runs, "killed-");
    if (run.isEmpty() || !Files.exists(run.get().resolve("metrics.jsonl"))) {
      return -1;
    }
    List<String> lines = Files.readAllLines(run.get().resolve("metrics.jsonl"));
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.endsWith("}")) {
        int start = line.indexOf("\"step\":") + 7;
        int end = line.indexOf(',', start);
        return Long.parseLong(line.substring(start, end));
      }
    }
    return -1;
  }

  private static Path runDirectory(Path runs, String prefix) throws Exception {
    return findRun(runs, prefix).orElseThrow();
  }

  private static Optional<Path> findRun(Path runs, String prefix) throws Exception {
    try (var entries = Files.list(runs)) {
      return entries.filter(path -> path.getFileName().toString().startsWith(prefix)).findFirst();
    }
  }
}
