package io.gen4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.train.Checkpoint;
import io.gen4j.train.Checkpointer;
import io.gen4j.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * {@link RunDirectorySync} against two Hadoop filesystems: an in-process HDFS (MiniDFSCluster) and
 * Hadoop's {@code file://} LocalFileSystem (with its checksum files), each seen through a {@link
 * FilterFileSystem} that counts the files it creates and can fail the n-th create, as a kill or a lost
 * node would stop an upload half-way.
 */
class RunDirectorySyncTest {

  /**
   * How long an HDFS client first waits before asking again whether a file it closed is complete (400 ms
   * by default, which would make each small file here cost that much).
   */
  static final String CLOSE_WAIT = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

  private static MiniDFSCluster hdfs;

  @TempDir static Path hdfsBase;

  @TempDir Path directory;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, hdfsBase.toString());
    conf.setInt(CLOSE_WAIT, 20);
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** A filesystem that counts created files and throws on the create numbered {@link #failAt} (from 1). */
  static final class FaultyFileSystem extends FilterFileSystem {
    final AtomicInteger creates = new AtomicInteger();
    volatile int failAt = Integer.MAX_VALUE;

    FaultyFileSystem(FileSystem inner) {
      super(inner);
      setConf(inner.getConf());
    }

    @Override
    public FSDataOutputStream create(org.apache.hadoop.fs.Path file, FsPermission permission, boolean overwrite,
        int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
      if (creates.incrementAndGet() == failAt) {
        throw new IOException("the node went away while writing " + file.getName());
      }
      return super.create(file, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
  }

  private FaultyFileSystem fileSystem(String kind) throws IOException {
    return new FaultyFileSystem(kind.equals("hdfs") ? hdfs.getFileSystem() : FileSystem.getLocal(new Configuration()));
  }

  private org.apache.hadoop.fs.Path shared(String kind) {
    return kind.equals("hdfs")
        ? new org.apache.hadoop.fs.Path("/sweeps/" + directory.getFileName() + "/run")
        : new org.apache.hadoop.fs.Path(directory.resolve("shared").resolve("run").toUri().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs", "file"})
  void anUploadedRunIsRestoredWholeWithoutTemporariesOrHalfWrittenCheckpoints(String kind) throws IOException {
    FaultyFileSystem fileSystem = fileSystem(kind);
    Path local = directory.resolve("local");
    writeRun(local);
    new RunDirectorySync(fileSystem, shared(kind), local).upload();

    Path restored = directory.resolve("restored");
    new RunDirectorySync(fileSystem, shared(kind), restored).restore();

    assertThat(files(restored)).containsExactly(
        "checkpoints/step-00000100/manifest.json",
        "checkpoints/step-00000100/state.json", "checkpoints/step-00000100/variables.data-00000-of-00001",
        "checkpoints/step-00000100/variables.index",
        "checkpoints/step-00000200/manifest.json", "checkpoints/step-00000200/state.json", "checkpoints/step-00000200/variables.data-00000-of-00001",
        "checkpoints/step-00000200/variables.index",
        "config.json", "metrics.jsonl", "samples/step-00000100.png", "sweep.log");
    for (String file : List.of("config.json", "samples/step-00000100.png", "sweep.log",
        "checkpoints/step-00000200/variables.data-00000-of-00001")) {
      assertThat(restored.resolve(file)).as(file).hasSameBinaryContentAs(local.resolve(file));
    }
    assertThat(Files.readString(restored.resolve("metrics.jsonl")))
        .as("an appended file is uploaded up to its last complete line")
        .isEqualTo("{\"step\":100}\n{\"step\":200}\n");
    assertThat(new Checkpointer(restored.resolve("checkpoints"), 1).latest()).map(Checkpoint::state)
        .hasValueSatisfying(state -> assertThat(state.step()).isEqualTo(200));
    assertThat(remoteEntries(fileSystem, shared(kind), "")).noneMatch(name -> name.contains(RunDirectorySync.UPLOADING));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs", "file"})
  void onlyWhatChangedIsUploadedAndWhatTheRunDeletedIsDeleted(String kind) throws IOException {
    FaultyFileSystem fileSystem = fileSystem(kind);
    Path local = directory.resolve("local");
    writeRun(local);
    RunDirectorySync sync = new RunDirectorySync(fileSystem, shared(kind), local);
    sync.upload();
    int afterFirst = fileSystem.creates.get();
    sync.upload();
    assertThat(fileSystem.creates.get()).as("nothing changed, nothing written").isEqualTo(afterFirst);
    assertThat(sync.hasNewCheckpoint()).isFalse();

    Files.writeString(local.resolve("metrics.jsonl"), "{\"step\":100}\n{\"step\":200}\n{\"step\":300}\n");
    writeCheckpoint(local, 300);
    deleteRecursively(local.resolve("checkpoints/step-00000100")); // pruned by the run
    Files.delete(local.resolve("samples/step-00000100.png"));
    assertThat(sync.hasNewCheckpoint()).isTrue();
    sync.upload();

    assertThat(fileSystem.creates.get() - afterFirst).as("metrics.jsonl and the four files of step 300").isEqualTo(5);
    assertThat(remoteNames(fileSystem, shared(kind))).containsExactly(
        "checkpoints/step-00000200/manifest.json", "checkpoints/step-00000200/state.json", "checkpoints/step-00000200/variables.data-00000-of-00001",
        "checkpoints/step-00000200/variables.index",
        "checkpoints/step-00000300/manifest.json", "checkpoints/step-00000300/state.json", "checkpoints/step-00000300/variables.data-00000-of-00001",
        "checkpoints/step-00000300/variables.index",
        "config.json", "metrics.jsonl", "sweep.log");
    assertThat(read(fileSystem, shared(kind), "metrics.jsonl")).isEqualTo("{\"step\":100}\n{\"step\":200}\n{\"step\":300}\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs", "file"})
  void aCheckpointWhoseUploadStopsHalfWayIsNeverTakenAsTheLatest(String kind) throws IOException {
    FaultyFileSystem fileSystem = fileSystem(kind);
    Path local = directory.resolve("local");
    writeRun(local);
    RunDirectorySync sync = new RunDirectorySync(fileSystem, shared(kind), local);
    sync.upload();
    Files.writeString(local.resolve("metrics.jsonl"), "{\"step\":100}\n{\"step\":200}\n{\"step\":300}\n");
    writeCheckpoint(local, 300);
    // The fifth create: metrics.jsonl, step 300's manifest and two variable files, then its state.json.
    fileSystem.failAt = fileSystem.creates.get() + 5;

    assertThatThrownBy(sync::upload).isInstanceOf(IOException.class)
        .hasMessage("the node went away while writing state.json");

    Path restored = directory.resolve("restored");
    new RunDirectorySync(fileSystem, shared(kind), restored).restore();
    assertThat(new Checkpointer(restored.resolve("checkpoints"), 1).latest()).map(checkpoint -> checkpoint.state().step())
        .hasValue(200L);
    assertThat(Files.readString(restored.resolve("metrics.jsonl"))).contains("{\"step\":300}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs", "file"})
  void whatAKilledUploadLeftIsIgnoredAndDeletedByTheNextRestore(String kind) throws IOException {
    FaultyFileSystem fileSystem = fileSystem(kind);
    Path local = directory.resolve("local");
    writeRun(local);
    new RunDirectorySync(fileSystem, shared(kind), local).upload();
    // What a process killed in the middle of uploading step 300 and the report leaves behind.
    org.apache.hadoop.fs.Path halfCheckpoint = new org.apache.hadoop.fs.Path(shared(kind),
        "checkpoints/" + RunDirectorySync.UPLOADING + "step-00000300");
    write(fileSystem, new org.apache.hadoop.fs.Path(halfCheckpoint, "variables.index"), "partial");
    write(fileSystem, new org.apache.hadoop.fs.Path(halfCheckpoint, "state.json"), "{\"step\":300,");
    write(fileSystem, new org.apache.hadoop.fs.Path(shared(kind), RunDirectorySync.UPLOADING + "index.html"), "<html");

    Path restored = directory.resolve("restored");
    new RunDirectorySync(fileSystem, shared(kind), restored).restore();

    assertThat(files(restored)).noneMatch(name -> name.contains("step-00000300") || name.contains("index.html"));
    assertThat(new Checkpointer(restored.resolve("checkpoints"), 1).latest()).map(checkpoint -> checkpoint.state().step())
        .hasValue(200L);
    assertThat(remoteEntries(fileSystem, shared(kind), "")).noneMatch(name -> name.contains(RunDirectorySync.UPLOADING));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs", "file"})
  void aFilteredRestoreCopiesOnlyTheFilesAskedForAndAnAbsentDirectoryIsEmpty(String kind) throws IOException {
    FaultyFileSystem fileSystem = fileSystem(kind);
    Path local = directory.resolve("local");
    writeRun(local);
    new RunDirectorySync(fileSystem, shared(kind), local).upload();

    Path restored = directory.resolve("restored");
    new RunDirectorySync(fileSystem, shared(kind).getParent(), restored.resolve("sweep"))
        .restore(SparkSweep::describesState);
    assertThat(files(restored.resolve("sweep"))).containsExactly(
        "run/checkpoints/step-00000100/state.json", "run/checkpoints/step-00000200/state.json",
        "run/config.json", "run/metrics.jsonl");

    Path empty = directory.resolve("empty");
    new RunDirectorySync(fileSystem, new org.apache.hadoop.fs.Path(shared(kind), "nothing-here"), empty).restore();
    assertThat(empty).isEmptyDirectory();
  }

  /** A run directory as training leaves it, with the temporaries and the lock it may hold at any moment. */
  private static void writeRun(Path run) throws IOException {
    Files.createDirectories(run.resolve("samples"));
    Files.writeString(run.resolve("config.json"), "{\"model\":{\"type\":\"gan\"}}");
    Files.writeString(run.resolve(".config.json.tmp"), "{\"mod");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":100}\n{\"step\":200}\n{\"st");
    Files.writeString(run.resolve("metrics.jsonl.tmp"), "{\"step\":100}\n");
    Files.writeString(run.resolve("sweep.log"), "=== started\nstep 200\n");
    Files.writeString(run.resolve(RunDirectorySync.RUN_LOCK), "{\"pid\":123}");
    Files.write(run.resolve("samples/step-00000100.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    writeCheckpoint(run, 100);
    writeCheckpoint(run, 200);
    Path writing = Files.createDirectories(run.resolve("checkpoints/.writing-123"));
    Files.writeString(writing.resolve("variables.index"), "half");
  }

  /** A checkpoint as training writes it (manifest, state, variables), of a graph with one variable. */
  private static void writeCheckpoint(Path run, long step) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      float[] values = new float[750];
      for (int i = 0; i < values.length; i++) {
        values[i] = i * step;
      }
      tf.withName("w").variable(tf.constant(values));
      try (Session session = new Session(graph)) {
        session.initialize();
        new Checkpointer(run.resolve("checkpoints"), 10).save(session, new TrainingState(step, step, 1.0, 0));
      }
    }
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
    }
  }

  /** Every file under a shared directory, relative to it (a checksum filesystem's .crc files are not listed). */
  private static List<String> remoteNames(FileSystem fileSystem, org.apache.hadoop.fs.Path root) throws IOException {
    return remoteEntries(fileSystem, root, "").stream().filter(name -> !name.endsWith("/")).sorted().toList();
  }

  /** Every file and directory (ending in {@code /}) under a shared directory. */
  private static List<String> remoteEntries(FileSystem fileSystem, org.apache.hadoop.fs.Path directory, String prefix)
      throws IOException {
    List<String> entries = new ArrayList<>();
    for (FileStatus status : fileSystem.listStatus(directory)) {
      String name = prefix + status.getPath().getName();
      if (status.isDirectory()) {
        entries.add(name + "/");
        entries.addAll(remoteEntries(fileSystem, status.getPath(), name + "/"));
      } else {
        entries.add(name);
      }
    }
    return entries;
  }

  private static String read(FileSystem fileSystem, org.apache.hadoop.fs.Path root, String relative) throws IOException {
    try (var in = fileSystem.open(new org.apache.hadoop.fs.Path(root, relative))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void write(FileSystem fileSystem, org.apache.hadoop.fs.Path file, String text) throws IOException {
    try (FSDataOutputStream out = fileSystem.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(entry);
      }
    }
  }
}
