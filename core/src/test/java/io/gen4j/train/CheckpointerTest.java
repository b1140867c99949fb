package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Checkpoints are verified before they are trusted, fall back to the newest intact one, keep at least
 * two intact, never restore into a graph they do not fit, and fail in one line when the disk is full.
 */
class CheckpointerTest {

  @TempDir Path directory;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  /** A session of a graph with one variable {@code w} of {@code size} floats, initialized to 1, 2, 3, ... */
  private Session session(int size, String name) {
    Graph graph = new Graph();
    resources.add(graph);
    Ops tf = Ops.create(graph);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = i + 1;
    }
    tf.withName(name).variable(tf.constant(values));
    Session session = new Session(graph);
    resources.add(session);
    session.initialize();
    return session;
  }

  private static TrainingState state(long step) {
    return new TrainingState(step, step * 2, 1.0, 0);
  }

  private Path checkpoint(long step) {
    return directory.resolve(Checkpointer.name(step));
  }

  @Test
  void aCheckpointHoldsAManifestOfEveryOtherFile() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    Checkpoint saved = checkpointer.save(session(3, "w"), state(10));

    assertThat(saved.directory()).isEqualTo(checkpoint(10));
    try (Stream<Path> files = Files.list(saved.directory())) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("manifest.json", "state.json", "variables.index", "variables.data-00000-of-00001");
    }
    CheckpointManifest manifest = CheckpointManifest.parse(
        Files.readAllBytes(saved.directory().resolve("manifest.json")), "manifest.json");
    assertThat(manifest.step()).isEqualTo(10);
    assertThat(manifest.files()).containsOnlyKeys("state.json", "variables.index", "variables.data-00000-of-00001");
    assertThat(manifest.files().get("state.json").size()).isEqualTo(Files.size(saved.directory().resolve("state.json")));
    assertThat(Checkpointer.verify(saved.directory()).state()).isEqualTo(state(10));
  }

  @Test
  void damagedCheckpointsAreSkippedForTheNewestIntactOne() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    Session session = session(3, "w");
    for (long step : new long[] {10, 20, 30}) {
      checkpointer.save(session, state(step));
    }
    Path data = checkpoint(30).resolve("variables.data-00000-of-00001");
    Files.write(data, Arrays.copyOf(Files.readAllBytes(data), 5));
    Files.delete(checkpoint(20).resolve("variables.index"));

    List<String> skipped = new ArrayList<>();
    Checkpoint latest = checkpointer.latest(skipped::add).orElseThrow();

    assertThat(latest.state()).isEqualTo(state(10));
    assertThat(skipped).containsExactly(
        "skipped the damaged checkpoint " + checkpoint(30) + " (" + data + ": 5 bytes, the manifest says 12)"
            + "; trying an older one",
        "skipped the damaged checkpoint " + checkpoint(20) + " (" + checkpoint(20).resolve("variables.index")
            + ": missing); trying an older one");
    assertThat(checkpointer.require(directory, "sample from").state()).isEqualTo(state(10));
    Files.delete(checkpoint(10).resolve("state.json"));
    assertThatThrownBy(() -> checkpointer.require(directory, "sample from"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(directory + ": no intact checkpoint to sample from; skipped the damaged checkpoint "
            + checkpoint(30) + " (");
  }

  @Test
  void checkpointsWithoutManifestAreCheckedOnTheirStateAndIndex() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    Session session = session(3, "w");
    checkpointer.save(session, state(10));
    checkpointer.save(session, state(20));
    Files.delete(checkpoint(20).resolve("manifest.json"));
    Files.writeString(checkpoint(20).resolve("state.json"), "{\"step\": 20, \"batchesConsumed\": 40, \"learning");
    Files.delete(checkpoint(10).resolve("manifest.json"));

    List<String> skipped = new ArrayList<>();
    assertThat(checkpointer.latest(skipped::add).orElseThrow().state()).isEqualTo(state(10));
    assertThat(skipped).singleElement().asString()
        .startsWith("skipped the damaged checkpoint " + checkpoint(20) + " (" + checkpoint(20).resolve("state.json")
            + ": not a training state: Unexpected end-of-input");
  }

  @Test
  void stateJsonIsValidatedNotTrusted() {
    assertThatThrownBy(() -> parse("{\"step\": -1, \"batchesConsumed\": 0, \"learningRateScale\": 1.0, \"rollbacks\": 0}"))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("state.json: step must be at least 0, got -1");
    assertThatThrownBy(() -> parse("{\"step\": 5, \"batchesConsumed\": 0, \"learningRateScale\": 7, \"rollbacks\": 0}"))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("state.json: learningRateScale must be in (0, 1], got 7.0");
    assertThatThrownBy(() -> parse("{\"step\": 5, \"batchesConsumed\": 0, \"learningRateScale\": 1.0}"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("state.json: not a training state: Missing creator property 'rollbacks'");
    assertThatThrownBy(() -> parse("{\"step\": 5, \"step\": 6, \"batchesConsumed\": 0, \"learningRateScale\": 1.0, \"rollbacks\": 0}"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("state.json: not a training state: Duplicate field 'step'");
    assertThat(parse("{\"step\": 5, \"batchesConsumed\": 9, \"learningRateScale\": 0.5, \"rollbacks\": 1}"))
        .isEqualTo(new TrainingState(5, 9, 0.5, 1));
  }

  @Test
  void aStateThatDisagreesWithItsCheckpointIsRefused() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    checkpointer.save(session(3, "w"), state(10));
    Path moved = checkpoint(40);
    Files.move(checkpoint(10), moved);

    assertThatThrownBy(() -> Checkpointer.verify(moved))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(moved.resolve("manifest.json") + ": step 10, but the directory is of step 40");
  }

  @Test
  void atLeastTwoIntactCheckpointsAreKept() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 1);
    Session session = session(3, "w");
    for (long step : new long[] {10, 20, 30}) {
      checkpointer.save(session, state(step));
    }
    assertThat(names()).containsExactly("step-00000020", "step-00000030");

    Checkpointer keepTwo = new Checkpointer(directory, 2);
    Files.delete(checkpoint(30).resolve("variables.index"));
    keepTwo.save(session, state(40));
    assertThat(names()).as("the damaged 30 does not count").containsExactly("step-00000020", "step-00000030", "step-00000040");
    keepTwo.save(session, state(50));
    assertThat(names()).containsExactly("step-00000040", "step-00000050");
  }

  @Test
  void leftoversOfKilledWritesAndRemovalsAreCleared() throws IOException {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    Session session = session(3, "w");
    checkpointer.save(session, state(10));
    Files.createDirectories(directory.resolve(".writing-123").resolve("junk"));
    Files.createDirectories(directory.resolve(".deleting-step-00000005"));

    checkpointer.save(session, state(20));

    assertThat(names()).containsExactly("step-00000010", "step-00000020");
  }

  @Test
  void restoringIntoAGraphItDoesNotFitIsOneLine() {
    Checkpointer checkpointer = new Checkpointer(directory, 3);
    Checkpoint saved = checkpointer.save(session(3, "w"), state(10));
    Session bigger = session(4, "w");
    Graph biggerGraph = (Graph) resources.get(resources.size() - 2);
    Session other = session(3, "v");
    Graph otherGraph = (Graph) resources.get(resources.size() - 2);

    assertThatThrownBy(() -> Checkpointer.restore(bigger, biggerGraph, saved))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(saved.directory() + ": variable 'w' is float [3] in the checkpoint but float [4] in the model;"
            + " the checkpoint was written for another model or config");
    assertThatThrownBy(() -> Checkpointer.restore(other, otherGraph, saved))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(saved.directory() + ": the checkpoint lacks 1 of the model's variables (v); it was written for"
            + " another model or config");
  }

  @Test
  void aFullDiskIsOneLineAndLeavesNoPartialCheckpoint() throws IOException {
    Checkpointer real = new Checkpointer(directory, 3);
    Session session = session(3, "w");
    real.save(session, state(10));
    Checkpointer full = new Checkpointer(directory, 3, (s, prefix) -> {
      try {
        Files.write(Path.of(prefix + ".data-00000-of-00001"), new byte[1000]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new UncheckedIOException(new IOException(prefix + ": No space left on device"));
    }, path -> 0);

    assertThatThrownBy(() -> full.save(session, state(20)))
        .isInstanceOf(TrainingException.class)
        .hasMessage("no space left on device writing checkpoint step 20 in " + directory
            + "; the last good checkpoint is step 10");
    assertThat(names()).containsExactly("step-00000010");
  }

  @Test
  void lowFreeSpaceIsWarnedOfBeforeTheDiskIsFull() {
    Session session = session(3, "w");
    Checkpointer plenty = new Checkpointer(directory, 3, Session::save, path -> 1L << 40);
    assertThat(plenty.spaceWarning(10)).isEmpty();
    plenty.save(session, state(10));
    assertThat(plenty.spaceWarning(20)).isEmpty();

    Checkpointer scarce = new Checkpointer(directory, 3, Session::save, path -> 100);
    assertThat(scarce.spaceWarning(20)).get().asString()
        .startsWith("only 0.0 MiB free in " + directory + " before the checkpoint of step 20; a checkpoint takes ")
        .endsWith(": free some space or training will stop when the disk is full");
  }

  private static TrainingState parse(String json) {
    return TrainingState.parse(json.getBytes(StandardCharsets.UTF_8), "state.json");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
