package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gen4j.Gen4j;
import io.gen4j.report.RunStatus;
import io.gen4j.spi.CheckpointSaved;
import io.gen4j.spi.TrainingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a training on a small tmpfs, fills it after the first checkpoint, and checks that the next
 * checkpoint fails in one line naming the step, the directory and the last good checkpoint, that no
 * partial checkpoint is left, and that the failure is recorded in {@code status.json} (room for it is
 * set aside at the start). Mounting needs root, as on the development machines and CI; elsewhere the
 * test is skipped, and {@link CheckpointerTest} covers the same path with a simulated full disk.
 */
class DiskFullTest {

  private static final Gen4j GEN4J = Gen4j.create();

  @Test
  void aFullDiskStopsTrainingInOneLineAndRecordsIt(@TempDir Path work) throws Exception {
    Path mount = Files.createDirectories(work.resolve("small-disk"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()), "cannot mount a tmpfs here");
    try {
      String config = ResumeAndReproducibilityTest.config(mount, 60, 20, "full")
          .replace("\"logInterval\": 5, \"sampleInterval\": 20", "\"logInterval\": 60, \"sampleInterval\": 1000");
      TrainingListener fillDisk = new TrainingListener() {
        @Override
        public void onCheckpoint(CheckpointSaved event) {
          if (event.step() == 20) {
            fill(mount.resolve("filler"));
          }
        }
      };

      assertThatThrownBy(() -> GEN4J.experiments().train(GEN4J.configLoader().parse(config, "full.json"), List.of(fillDisk)))
          .isInstanceOf(TrainingException.class)
          .satisfies(e -> assertThat(e.getMessage()).matches(
              "no space left on device writing checkpoint step 40 in " + mount + "/full-[0-9-]+/checkpoints;"
                  + " the last good checkpoint is step 20"));
      Path run;
      try (Stream<Path> runs = Files.list(mount)) {
        run = runs.filter(path -> path.getFileName().toString().startsWith("full-")).findFirst().orElseThrow();
      }
      try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
        assertThat(checkpoints.map(path -> path.getFileName().toString())).containsExactly("step-00000020");
      }
      RunStatus status = RunStatus.read(run.resolve("status.json"));
      assertThat(status).isInstanceOf(RunStatus.Failed.class);
      assertThat(((RunStatus.Failed) status).reason()).startsWith("no space left on device writing checkpoint step 40");
      Files.delete(mount.resolve("filler"));
      assertThat(new Checkpointer(run.resolve("checkpoints"), 3).latest().orElseThrow().state().step()).isEqualTo(20);
    } finally {
      assertThat(run("umount", mount.toString())).isTrue();
    }
  }

  private static void fill(Path filler) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left on device");
    }
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
