package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.config.BestCheckpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** The best checkpoint: the one its record names, a fallback, and no stale later ones after a resume. */
class BestCheckpointTest {

  @TempDir Path checkpoints;

  private final Graph graph = new Graph();
  private final Session session;

  BestCheckpointTest() {
    Ops tf = Ops.create(graph);
    tf.withName("w").variable(tf.constant(new float[] {1, 2, 3}));
    session = new Session(graph);
    session.initialize();
  }

  @AfterEach
  void close() {
    session.close();
    graph.close();
  }

  private static TrainingState state(long step) {
    return new TrainingState(step, step, 1.0, 0);
  }

  /** Offers a logged value at a step and saves when it is the best so far, as the training loop does. */
  private static void offer(BestCheckpoint best, Session session, long step, double loss) {
    if (best.monitor().logged(step, Map.of("g_loss", loss)) == MetricMonitor.Outcome.IMPROVED) {
      best.save(session, state(step));
    }
  }

  @Test
  void theRecordNamesTheBestAndThePreviousBestStaysAsFallback() throws Exception {
    BestCheckpoint best = new BestCheckpoint(BestCheckpointConfig.on("g_loss"), checkpoints);
    offer(best, session, 10, 3.0);
    offer(best, session, 20, 2.0);
    offer(best, session, 30, 2.5);
    offer(best, session, 40, 1.0);

    Path directory = checkpoints.resolve(BestCheckpoint.DIRECTORY);
    assertThat(new Checkpointer(directory, 1).complete().stream().map(path -> path.getFileName().toString()))
        .containsExactly("step-00000020", "step-00000040");
    assertThat(Files.readString(directory.resolve(BestCheckpoint.RECORD)))
        .contains("\"metric\" : \"g_loss\"", "\"value\" : 1.0", "\"step\" : 40", "\"checkpoint\" : \"step-00000040\"");
    assertThat(BestCheckpoint.of(checkpoints).orElseThrow().state().step()).isEqualTo(40);

    // a damaged best: the newest intact one in best/ instead
    Files.delete(directory.resolve("step-00000040").resolve("state.json"));
    assertThat(BestCheckpoint.of(checkpoints).orElseThrow().state().step()).isEqualTo(20);
  }

  @Test
  void aResumedRunStartsFromTheRecordedBestAndDropsStaleLaterBests() throws Exception {
    BestCheckpoint first = new BestCheckpoint(BestCheckpointConfig.on("g_loss"), checkpoints);
    offer(first, session, 10, 3.0);
    offer(first, session, 50, 2.0);
    offer(first, session, 60, 1.5);

    // resumed from an earlier checkpoint: a value worse than the recorded 1.5 is no new best
    BestCheckpoint resumed = new BestCheckpoint(BestCheckpointConfig.on("g_loss"), checkpoints);
    offer(resumed, session, 40, 1.8);
    assertThat(BestCheckpoint.of(checkpoints).orElseThrow().state().step()).isEqualTo(60);

    // a better one at an earlier step than the stale bests (50, 60) replaces them, rather than being
    // pruned as the oldest
    offer(resumed, session, 45, 1.0);
    Path directory = checkpoints.resolve(BestCheckpoint.DIRECTORY);
    assertThat(new Checkpointer(directory, 1).complete().stream().map(path -> path.getFileName().toString()))
        .containsExactly("step-00000045");
    assertThat(BestCheckpoint.of(checkpoints).orElseThrow().state().step()).isEqualTo(45);
  }

  @Test
  void noBestCheckpointWithoutTheSetting() {
    assertThat(BestCheckpoint.of(checkpoints)).isEmpty();
  }
}
