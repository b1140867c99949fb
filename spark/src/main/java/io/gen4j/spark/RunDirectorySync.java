package io.gen4j.spark;

import static java.util.Objects.requireNonNull;

import io.gen4j.train.Checkpointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a directory on this machine's disk in step with its copy on a Hadoop filesystem (HDFS, S3A, ABFS,
 * or any other Hadoop {@link FileSystem}), so a run can train in a local directory while its shared copy
 * stays a run directory that a retry can resume from.
 *
 * <p>{@link #restore()} copies the shared directory down. {@link #upload()} makes the shared copy what
 * the local directory holds now, changing only what changed since the last restore or upload:
 *
 * <ul>
 *   <li>first every file outside the checkpoints, each written under a temporary name and renamed over the old one (with
 *       {@link Options.Rename#OVERWRITE}, atomic on HDFS), so a reader sees the old file or the new one,
 *       never a part; files that are appended line by line ({@code metrics.jsonl}, {@code sweep.log}) up to
 *       their last complete line;
 *   <li>then each new checkpoint ({@code checkpoints/step-NNNNNNNN/} holding {@code state.json}, as {@link
 *       Checkpointer} writes them) as one unit: written into {@code checkpoints/.uploading-step-NNNNNNNN/},
 *       then renamed to its step name, so a checkpoint under a step name is complete wherever the rename
 *       of a directory is atomic (HDFS, ABFS with a hierarchical namespace, a local or NFS disk); the
 *       metrics uploaded before it cover its step;
 *   <li>last, what was deleted locally is deleted from the shared copy, older checkpoints only after the
 *       newer ones are up.
 * </ul>
 *
 * A process killed at any moment of an upload leaves the shared copy's latest checkpoint complete, its
 * files whole, and at worst an entry under a hidden {@value #UPLOADING} name, which nothing reads and the
 * next {@link #restore()} deletes. Names that start with a dot or end with {@code .tmp} (the temporaries
 * of gen4j's own atomic writes) are neither uploaded nor restored, nor is a run's {@value #RUN_LOCK} (the
 * {@link io.gen4j.train.RunLock} of the process training the local copy, which means nothing on another
 * machine: one task at a time trains a run, and the sweep's lock keeps other sweeps out). One process at a
 * time may upload to a shared directory.
 */
public final class RunDirectorySync {

  /** Prefix of the hidden names an upload writes under before renaming them into place. */
  static final String UPLOADING = ".uploading-";

  /** How often {@link #uploadInBackground} looks for a new checkpoint. */
  static final Duration CHECKPOINT_POLL = Duration.ofMillis(250);

  /** The longest {@link #uploadInBackground} leaves metrics, samples and the report un-uploaded. */
  static final Duration UPLOAD_INTERVAL = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(RunDirectorySync.class);
  private static final String CHECKPOINTS = "checkpoints";
  private static final String CHECKPOINT_STATE = "state.json";
  private static final Set<String> APPENDED = Set.of("metrics.jsonl", "sweep.log");

  /** The name of a run's lock file ({@link io.gen4j.train.RunDirectory#lockFile()}), which is not synced. */
  static final String RUN_LOCK = "train.lock";

  private final FileSystem fileSystem;
  private final org.apache.hadoop.fs.Path remote;
  private final Path local;
  /** What the shared copy holds of each local file (by path relative to the directory), as of the last copy. */
  private final Map<String, Stamp> files = new HashMap<>();
  /** The same for each checkpoint directory, stamped by its {@code state.json}. */
  private final Map<String, Stamp> checkpoints = new HashMap<>();
  /** For renames that replace a file; made on first use (on HDFS it holds a client of its own). */
  private FileContext fileContext;

  /**
   * A local file's identity (its inode, which a file replaced by a rename does not keep), size and
   * modification time: a file with the same stamp has not changed.
   */
  private record Stamp(Object key, long size, FileTime modified) {
    static Stamp of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
  }

  /**
   * @param fileSystem the filesystem of {@code remote}
   * @param remote the shared directory
   * @param local the local directory, created if needed
   */
  public RunDirectorySync(FileSystem fileSystem, org.apache.hadoop.fs.Path remote, Path local) {
    this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    this.remote = fileSystem.makeQualified(requireNonNull(remote, "remote is null"));
    this.local = requireNonNull(local, "local is null");
  }

  /** The local directory. */
  public Path local() {
    return local;
  }

  /**
   * Deletes what interrupted uploads left in the shared directory, then copies everything else into the
   * local directory (for the process that is now the only one writing it).
   */
  public synchronized void restore() throws IOException {
    if (fileSystem.exists(remote)) {
      deleteInterruptedUploads(remote);
    }
    restore(relative -> true);
  }

  /**
   * Copies the shared directory's files that {@code include} accepts into the local directory, deleting
   * nothing on either side; a directory that does not exist yet is an empty one.
   *
   * @param include takes a file's path relative to the directory, with {@code /} between names
   */
  public synchronized void restore(Predicate<String> include) throws IOException {
    requireNonNull(include, "include is null");
    Files.createDirectories(local);
    if (!fileSystem.exists(remote)) {
      return;
    }
    RemoteIterator<LocatedFileStatus> listing = fileSystem.listFiles(remote, true);
    while (listing.hasNext()) {
      LocatedFileStatus status = listing.next();
      String relative = relative(status.getPath());
      if (!synced(relative) || !include.test(relative)) {
        continue;
      }
      Path target = local.resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = fileSystem.open(status.getPath())) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      String checkpoint = checkpointOf(relative);
      if (checkpoint == null) {
        files.put(relative, Stamp.of(target));
      } else if (relative.equals(checkpoint + "/" + CHECKPOINT_STATE)) {
        checkpoints.put(checkpoint, Stamp.of(target));
      }
    }
  }

  /** Makes the shared copy what the local directory holds now (see the class description for the order). */
  public synchronized void upload() throws IOException {
    Map<String, Path> localCheckpoints = completeCheckpoints();
    Map<String, Path> localFiles = otherFiles();
    for (Map.Entry<String, Path> file : localFiles.entrySet()) {
      Stamp stamp = Stamp.of(file.getValue());
      if (!stamp.equals(files.get(file.getKey()))) {
        uploadFile(file.getKey(), file.getValue());
        files.put(file.getKey(), stamp);
      }
    }
    List<String> names = new ArrayList<>(localCheckpoints.keySet());
    names.sort(Comparator.naturalOrder());
    for (String name : names) {
      Path checkpoint = localCheckpoints.get(name);
      try {
        Stamp stamp = Stamp.of(checkpoint.resolve(CHECKPOINT_STATE));
        if (!stamp.equals(checkpoints.get(name))) {
          uploadCheckpoint(name, checkpoint);
          checkpoints.put(name, stamp);
        }
      } catch (IOException | UncheckedIOException e) {
        if (Files.exists(checkpoint)) {
          throw e;
        }
        localCheckpoints.remove(name); // the run pruned it while it was read: a newer one follows
      }
    }
    for (String gone : List.copyOf(files.keySet())) {
      if (!localFiles.containsKey(gone)) {
        fileSystem.delete(remotePath(gone), false);
        files.remove(gone);
      }
    }
    for (String gone : List.copyOf(checkpoints.keySet())) {
      if (!localCheckpoints.containsKey(gone)) {
        fileSystem.delete(remotePath(gone), true);
        checkpoints.remove(gone);
      }
    }
  }

  /** Whether the local directory holds a complete checkpoint that is not in the shared copy yet. */
  public synchronized boolean hasNewCheckpoint() throws IOException {
    for (Map.Entry<String, Path> checkpoint : completeCheckpoints().entrySet()) {
      try {
        if (!Stamp.of(checkpoint.getValue().resolve(CHECKPOINT_STATE)).equals(checkpoints.get(checkpoint.getKey()))) {
          return true;
        }
      } catch (NoSuchFileException e) {
        // pruned by the run since it was listed
      }
    }
    return false;
  }

  /** Uploads going on in the background; closing it stops them, waiting for an upload under way. */
  public interface BackgroundUpload extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Uploads from a background thread while a process writes the local directory: within {@link
   * #CHECKPOINT_POLL} of each new checkpoint, and at least every {@code interval} for everything else. A
   * failed upload is logged and tried again at the next turn. Call {@link #upload()} after closing the
   * returned handle for the final state.
   */
  public BackgroundUpload uploadInBackground(Duration interval) {
    requireNonNull(interval, "interval is null");
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread daemon = new Thread(runnable, "gen4j upload " + remote.getName());
      daemon.setDaemon(true);
      return daemon;
    });
    AtomicLong lastUpload = new AtomicLong(System.nanoTime());
    thread.scheduleWithFixedDelay(() -> {
      try {
        if (hasNewCheckpoint() || System.nanoTime() - lastUpload.get() >= interval.toNanos()) {
          upload();
          lastUpload.set(System.nanoTime());
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: upload to {} failed, trying again: {}", local, remote, e.toString());
      }
    }, CHECKPOINT_POLL.toMillis(), CHECKPOINT_POLL.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(10, TimeUnit.MINUTES)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        thread.shutdownNow();
        Thread.currentThread().interrupt();
      }
    };
  }

  private void uploadFile(String relative, Path file) throws IOException {
    org.apache.hadoop.fs.Path target = remotePath(relative);
    org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(target.getParent(), UPLOADING + target.getName());
    if (APPENDED.contains(file.getFileName().toString())) {
      byte[] content = Files.readAllBytes(file);
      int length = content.length;
      while (length > 0 && content[length - 1] != '\n') {
        length--;
      }
      try (OutputStream out = fileSystem.create(temporary, true)) {
        out.write(content, 0, length);
      }
    } else {
      copyUp(file, temporary);
    }
    if (fileContext == null) {
      fileContext = FileContext.getFileContext(fileSystem.getUri(), fileSystem.getConf());
    }
    fileContext.rename(temporary, target, Options.Rename.OVERWRITE);
  }

  private void uploadCheckpoint(String relative, Path checkpoint) throws IOException {
    org.apache.hadoop.fs.Path target = remotePath(relative);
    org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(target.getParent(), UPLOADING + target.getName());
    fileSystem.delete(temporary, true);
    try {
      List<Path> contents;
      try (Stream<Path> walk = Files.walk(checkpoint)) {
        contents = walk.filter(Files::isRegularFile).toList();
      }
      Path state = checkpoint.resolve(CHECKPOINT_STATE);
      for (Path file : contents) {
        if (!file.equals(state)) {
          copyUp(file, new org.apache.hadoop.fs.Path(temporary, checkpoint.relativize(file).toString().replace('\\', '/')));
        }
      }
      copyUp(state, new org.apache.hadoop.fs.Path(temporary, CHECKPOINT_STATE));
    } catch (IOException | UncheckedIOException e) {
      fileSystem.delete(temporary, true); // such as a checkpoint the run pruned while it was copied
      throw e;
    }
    fileSystem.delete(target, true);
    if (!fileSystem.rename(temporary, target)) {
      throw new IOException("cannot rename " + temporary + " to " + target);
    }
  }

  private void copyUp(Path file, org.apache.hadoop.fs.Path target) throws IOException {
    try (InputStream in = Files.newInputStream(file); OutputStream out = fileSystem.create(target, true)) {
      in.transferTo(out);
    }
  }

  /** Local complete checkpoints by relative path: the directories {@link Checkpointer#complete()} lists. */
  private Map<String, Path> completeCheckpoints() throws IOException {
    Map<String, Path> complete = new HashMap<>();
    for (Path directory : checkpointDirectories()) {
      for (Path checkpoint : new Checkpointer(directory, 1).complete()) {
        complete.put(relative(checkpoint), checkpoint);
      }
    }
    return complete;
  }

  /** Every local file outside the checkpoint directories, by relative path. */
  private Map<String, Path> otherFiles() throws IOException {
    Map<String, Path> found = new HashMap<>();
    if (!Files.isDirectory(local)) {
      return found;
    }
    try (Stream<Path> walk = Files.walk(local)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = relative(file);
        if (synced(relative) && checkpointsDirectoryOf(relative) == null) {
          found.put(relative, file);
        }
      }
    }
    return found;
  }

  private List<Path> checkpointDirectories() throws IOException {
    if (!Files.isDirectory(local)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(local)) {
      return walk.filter(path -> Files.isDirectory(path) && path.getFileName().toString().equals(CHECKPOINTS)
          && synced(relative(path))).toList();
    }
  }

  private void deleteInterruptedUploads(org.apache.hadoop.fs.Path directory) throws IOException {
    for (org.apache.hadoop.fs.FileStatus status : fileSystem.listStatus(directory)) {
      if (status.getPath().getName().startsWith(UPLOADING)) {
        fileSystem.delete(status.getPath(), true);
      } else if (status.isDirectory()) {
        deleteInterruptedUploads(status.getPath());
      }
    }
  }

  /** Whether a relative path is synced: none of its names is hidden, a temporary or a run's lock. */
  static boolean synced(String relative) {
    for (String name : relative.split("/")) {
      if (name.startsWith(".") || name.endsWith(".tmp") || name.equals(RUN_LOCK)) {
        return false;
      }
    }
    return true;
  }

  /** The checkpoint directory ({@code .../checkpoints/step-N}) a relative path lies in, or null. */
  static String checkpointOf(String relative) {
    String[] names = relative.split("/");
    for (int i = 1; i < names.length - 1; i++) {
      if (names[i - 1].equals(CHECKPOINTS) && names[i].matches("step-\\d+")) {
        return String.join("/", List.of(names).subList(0, i + 1));
      }
    }
    return null;
  }

  /** The checkpoints directory a relative path lies in, or null. */
  private static String checkpointsDirectoryOf(String relative) {
    String[] names = relative.split("/");
    for (int i = 0; i < names.length - 1; i++) {
      if (names[i].equals(CHECKPOINTS)) {
        return String.join("/", List.of(names).subList(0, i + 1));
      }
    }
    return null;
  }

  private String relative(Path path) {
    return local.relativize(path).toString().replace('\\', '/');
  }

  private String relative(org.apache.hadoop.fs.Path path) {
    String base = remote.toUri().getPath().replaceAll("/+$", "");
    String full = fileSystem.makeQualified(path).toUri().getPath();
    if (!full.startsWith(base + "/")) {
      throw new IllegalStateException(path + " is not inside " + remote);
    }
    return full.substring(base.length() + 1);
  }

  private org.apache.hadoop.fs.Path remotePath(String relative) {
    return new org.apache.hadoop.fs.Path(remote, relative);
  }
}
