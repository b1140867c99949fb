package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Writes checkpoints atomically, verifies them before they are trusted, and keeps the most recent
 * intact ones.
 *
 * <p>A checkpoint is written to a hidden temporary directory: the variables, {@code state.json}, and
 * last {@code manifest.json} with the size and SHA-256 of every other file; the files are synced, then
 * the directory is renamed to {@code step-NNNNNNNN}. A process killed at any moment leaves every
 * earlier checkpoint intact. Reading goes the other way: a checkpoint is used only if its manifest,
 * its files, its state and its variable index agree ({@link #verify}); {@link #latest} falls back to
 * the newest intact one, telling what it skipped. Old checkpoints are removed (renamed aside first, so
 * a kill mid-removal leaves no half checkpoint under a step name) down to {@code keep}, but never below
 * {@value #MIN_INTACT} intact ones.
 *
 * <p>Before each checkpoint the free space of the file system is compared with the size of the last
 * one ({@link #spaceWarning}); a write that runs out of space is one line naming the step, the directory
 * and the last good checkpoint, and leaves no partial files.
 */
public final class Checkpointer {

  /** Prefix of the variable files within a checkpoint directory. */
  static final String VARIABLES = "variables";

  /** The training state within a checkpoint directory. */
  static final String STATE = "state.json";

  /** The manifest within a checkpoint directory, written last. */
  static final String MANIFEST = "manifest.json";

  /** Intact checkpoints kept at all times, whatever {@code keep} says. */
  public static final int MIN_INTACT = 2;

  /** Free space below this many times the last checkpoint's size gets a warning. */
  static final int SPACE_WARNING_FACTOR = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final Pattern NAME = Pattern.compile("step-(\\d{1,18})");
  private static final String WRITING = ".writing-";
  private static final String DELETING = ".deleting-";

  /** Writes a session's variables under a prefix: TensorFlow's saver, or a stand-in in tests. */
  @FunctionalInterface
  interface VariableWriter {
    void save(Session session, String prefix);
  }

  /** Usable bytes of the file system holding a directory. */
  @FunctionalInterface
  interface FreeSpace {
    long usableBytes(Path directory) throws IOException;
  }

  private final Path directory;
  private final int keep;
  private final VariableWriter writer;
  private final FreeSpace freeSpace;

  /**
   * @param directory where checkpoints go, created if needed
   * @param keep how many of the most recent checkpoints to keep, at least 1 (and never fewer than
   *     {@value #MIN_INTACT} intact ones)
   */
  public Checkpointer(Path directory, int keep) {
    this(directory, keep, Session::save, path -> Files.getFileStore(path).getUsableSpace());
  }

  Checkpointer(Path directory, int keep, VariableWriter writer, FreeSpace freeSpace) {
    this.directory = requireNonNull(directory, "directory is null");
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.keep = keep;
    this.writer = requireNonNull(writer, "writer is null");
    this.freeSpace = requireNonNull(freeSpace, "freeSpace is null");
  }

  /**
   * A warning when the free space left is less than {@value #SPACE_WARNING_FACTOR} times the size of
   * the last checkpoint, i.e. when the next few checkpoints may not fit.
   */
  public Optional<String> spaceWarning(long step) {
    Optional<Path> last = complete().stream().reduce((first, second) -> second);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    try {
      long size = sizeOf(last.get());
      long usable = freeSpace.usableBytes(directory);
      if (size > 0 && usable < SPACE_WARNING_FACTOR * size) {
        return Optional.of(String.format(Locale.ROOT,
            "only %s free in %s before the checkpoint of step %d; a checkpoint takes %s: free some space or"
                + " training will stop when the disk is full", bytes(usable), directory, step, bytes(size)));
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot measure the free space of {}: {}", directory, e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Saves every variable of the session's graph and the state, then drops checkpoints beyond {@code
   * keep}.
   *
   * @throws TrainingException in one line when the disk is full: the step, the directory and the last
   *     good checkpoint; the partial checkpoint is removed
   */
  public Checkpoint save(Session session, TrainingState state) {
    requireNonNull(session, "session is null");
    requireNonNull(state, "state is null");
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      removeLeftovers();
      Path target = directory.resolve(name(state.step()));
      temporary = Files.createTempDirectory(directory, WRITING);
      writer.save(session, temporary.resolve(VARIABLES).toString());
      Files.write(temporary.resolve(STATE), CheckpointManifest.JSON.writeValueAsBytes(state));
      Map<String, CheckpointManifest.FileDigest> files = new TreeMap<>();
      for (Path file : listFiles(temporary)) {
        files.put(file.getFileName().toString(), digest(file));
      }
      Files.write(temporary.resolve(MANIFEST), new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, state.step(), files).toBytes());
      syncAll(temporary);
      if (Files.exists(target)) {
        delete(target);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename checkpoints atomically in " + directory, e);
      }
      temporary = null;
      syncDirectory(directory);
      prune();
      return new Checkpoint(target, state);
    } catch (IOException | RuntimeException e) {
      removeQuietly(temporary);
      if (isDiskFull(e)) {
        throw new TrainingException("no space left on device writing checkpoint step " + state.step() + " in "
            + directory + "; " + lastGood());
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException("cannot write checkpoint in " + directory + ": " + e.getMessage(), (IOException) e);
    }
  }

  /** The newest intact checkpoint, if any; each newer one that is damaged is logged as skipped. */
  public Optional<Checkpoint> latest() {
    return latest(skipped -> LOG.warn("{}", skipped));
  }

  /**
   * The newest intact checkpoint, if any.
   *
   * @param onSkipped told, in a sentence, of every newer checkpoint that is damaged and skipped
   */
  public Optional<Checkpoint> latest(Consumer<String> onSkipped) {
    requireNonNull(onSkipped, "onSkipped is null");
    List<Path> all = complete();
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(verify(all.get(i)));
      } catch (CheckpointException e) {
        onSkipped.accept("skipped the damaged checkpoint " + all.get(i) + " (" + e.getMessage() + ")"
            + (i > 0 ? "; trying an older one" : ""));
      }
    }
    return Optional.empty();
  }

  /**
   * The newest intact checkpoint of a run, for a command that reads it.
   *
   * @param purpose what the weights are for, e.g. "export": "RUN: no checkpoint to export"
   * @throws IllegalArgumentException in one line when there is none, naming the newest damaged one
   */
  public Checkpoint require(Path runDirectory, String purpose) {
    List<String> skipped = new ArrayList<>();
    return latest(skipped::add).orElseThrow(() -> new IllegalArgumentException(skipped.isEmpty()
        ? runDirectory + ": no checkpoint to " + purpose
        : runDirectory + ": no intact checkpoint to " + purpose + "; " + skipped.get(0).replaceFirst("; trying an older one$", "")));
  }

  /**
   * Checks a checkpoint directory before it is trusted: its manifest lists every file with its size and
   * SHA-256 and nothing else is there; {@code state.json} is a valid state of the step the directory
   * and the manifest name; the variable index is valid and each tensor lies within its data shard.
   * A checkpoint written before manifests existed is accepted on its state and index alone, with a
   * warning in the log.
   *
   * @throws CheckpointException naming the file and the problem
   */
  public static Checkpoint verify(Path checkpoint) {
    requireNonNull(checkpoint, "checkpoint is null");
    long step = stepOf(checkpoint);
    try {
      Path manifestFile = checkpoint.resolve(MANIFEST);
      if (Files.exists(manifestFile)) {
        CheckpointManifest manifest = CheckpointManifest.parse(readBounded(manifestFile, CheckpointManifest.MAX_BYTES), manifestFile.toString());
        if (manifest.step() != step) {
          throw new CheckpointException(manifestFile + ": step " + manifest.step() + ", but the directory is of step " + step);
        }
        List<String> present = new ArrayList<>();
        for (Path file : listFiles(checkpoint)) {
          present.add(file.getFileName().toString());
        }
        present.remove(MANIFEST);
        for (String name : present) {
          if (!manifest.files().containsKey(name)) {
            throw new CheckpointException(checkpoint + ": " + CheckpointIndex.printable(name) + " is not in its manifest");
          }
        }
        for (Map.Entry<String, CheckpointManifest.FileDigest> file : manifest.files().entrySet()) {
          Path path = checkpoint.resolve(file.getKey());
          if (!Files.isRegularFile(path)) {
            throw new CheckpointException(path + ": missing");
          }
          long size = Files.size(path);
          if (size != file.getValue().size()) {
            throw new CheckpointException(path + ": " + size + " bytes, the manifest says " + file.getValue().size());
          }
          if (!digest(path).sha256().equals(file.getValue().sha256())) {
            throw new CheckpointException(path + ": SHA-256 differs from the manifest's");
          }
        }
      } else {
        LOG.warn("{} has no {} (written by an older gen4j): checked its state and variable index only", checkpoint, MANIFEST);
      }
      Path stateFile = checkpoint.resolve(STATE);
      if (!Files.isRegularFile(stateFile)) {
        throw new CheckpointException(stateFile + ": missing");
      }
      TrainingState state = TrainingState.parse(readBounded(stateFile, TrainingState.MAX_BYTES), stateFile.toString());
      if (state.step() != step) {
        throw new CheckpointException(stateFile + ": step " + state.step() + ", but the directory is of step " + step);
      }
      Checkpoint result = new Checkpoint(checkpoint, state);
      CheckpointIndex index = CheckpointIndex.read(Path.of(result.variablesPrefix() + ".index"));
      requireWithinShards(result, index);
      return result;
    } catch (IOException e) {
      throw new CheckpointException(checkpoint + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a checkpoint's variables into a session of {@code graph}, after checking that the
   * checkpoint holds every variable of the graph with the graph's type and shape, and no tensor larger
   * than its shape needs.
   *
   * @throws CheckpointException in one line naming the checkpoint and the first mismatch
   */
  public static void restore(Session session, Graph graph, Checkpoint checkpoint) {
    requireNonNull(session, "session is null");
    requireNonNull(graph, "graph is null");
    requireNonNull(checkpoint, "checkpoint is null");
    CheckpointIndex index = CheckpointIndex.read(Path.of(checkpoint.variablesPrefix() + ".index"));
    requireWithinShards(checkpoint, index);
    CheckpointCompatibility.requireRestorable(index, graph, checkpoint.directory().toString());
    try {
      session.restore(checkpoint.variablesPrefix());
    } catch (TensorFlowException e) {
      throw new CheckpointException(checkpoint.directory() + ": cannot restore its variables: "
          + CheckpointManifest.firstLine(e.getMessage()), e);
    }
  }

  /** Every checkpoint directory with a step name, oldest first, intact or not. */
  public List<Path> complete() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(path -> NAME.matcher(path.getFileName().toString()).matches())
          .filter(Files::isDirectory)
          .sorted(Comparator.comparingLong(Checkpointer::stepOf))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
    }
  }

  /** Each tensor of the index lies within its data shard, and is no larger than its shape needs. */
  private static void requireWithinShards(Checkpoint checkpoint, CheckpointIndex index) {
    int shards = index.header().getNumShards();
    long[] sizes = new long[shards];
    for (int shard = 0; shard < shards; shard++) {
      Path data = Path.of(String.format(Locale.ROOT, "%s.data-%05d-of-%05d", checkpoint.variablesPrefix(), shard, shards));
      try {
        sizes[shard] = Files.size(data);
      } catch (IOException e) {
        throw new CheckpointException(data + ": missing");
      }
    }
    for (var entry : index.entries().entrySet()) {
      var tensor = entry.getValue();
      long expected;
      try {
        expected = CheckpointIndex.expectedBytes(tensor);
      } catch (ArithmeticException e) {
        expected = Long.MAX_VALUE;
      }
      String name = CheckpointIndex.printable(entry.getKey());
      if (expected >= 0 && tensor.getSize() != expected) {
        throw new CheckpointException(checkpoint.directory() + ": tensor '" + name + "' has " + tensor.getSize()
            + " bytes; its type and shape need " + (expected == Long.MAX_VALUE ? "more than any file holds" : expected));
      }
      if (tensor.getOffset() > sizes[tensor.getShardId()] - tensor.getSize()) {
        throw new CheckpointException(checkpoint.directory() + ": tensor '" + name + "' runs past the end of data shard "
            + tensor.getShardId() + " (truncated variables?)");
      }
    }
  }

  private void prune() throws IOException {
    List<Path> all = complete();
    int intact = 0;
    int target = Math.max(keep, MIN_INTACT);
    for (int i = all.size() - 1; i >= 0; i--) {
      Path checkpoint = all.get(i);
      if (intact >= target) {
        delete(checkpoint);
        continue;
      }
      try {
        verify(checkpoint);
        intact++;
      } catch (CheckpointException e) {
        // a damaged checkpoint is kept for inspection while fewer than enough intact ones are older than it
      }
    }
    removeLeftovers();
  }

  /** Removes what killed writes and removals left behind. */
  private void removeLeftovers() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path leftover : entries.filter(path -> {
        String name = path.getFileName().toString();
        return name.startsWith(WRITING) || name.startsWith(DELETING);
      }).toList()) {
        deleteRecursively(leftover);
      }
    }
  }

  /** Renames a checkpoint aside, then deletes it, so no half-deleted checkpoint keeps a step name. */
  private void delete(Path checkpoint) throws IOException {
    Path aside = directory.resolve(DELETING + checkpoint.getFileName());
    deleteRecursively(aside);
    Files.move(checkpoint, aside, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(aside);
  }

  private String lastGood() {
    try {
      return latest(skipped -> { }).map(checkpoint -> "the last good checkpoint is step " + checkpoint.state().step())
          .orElse("no checkpoint had been written yet");
    } catch (RuntimeException e) {
      return "the last good checkpoint could not be read (" + e.getMessage() + ")";
    }
  }

  /** Whether a failure, or anything that caused it, is the file system running out of space or quota. */
  static boolean isDiskFull(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("no space left on device") || message.contains("enospc")
          || message.contains("disk quota exceeded")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  static String name(long step) {
    return String.format(Locale.ROOT, "step-%08d", step);
  }

  private static long stepOf(Path checkpoint) {
    Matcher matcher = NAME.matcher(checkpoint.getFileName().toString());
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
  }

  private static List<Path> listFiles(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    }
  }

  private static long sizeOf(Path checkpoint) throws IOException {
    long size = 0;
    for (Path file : listFiles(checkpoint)) {
      size += Files.size(file);
    }
    return size;
  }

  private static byte[] readBounded(Path file, int maxBytes) throws IOException {
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new CheckpointException(file + ": " + size + " bytes; at most " + maxBytes + " expected");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file + ": missing");
    }
  }

  private static CheckpointManifest.FileDigest digest(Path file) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
    long size = 0;
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) >= 0; ) {
        size += read;
      }
    }
    return new CheckpointManifest.FileDigest(size, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Forces every file of a directory and the directory itself to the disk. */
  private static void syncAll(Path directory) throws IOException {
    for (Path file : listFiles(directory)) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
    syncDirectory(directory);
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not every system can sync a directory; the rename is still atomic
    }
  }

  private static void removeQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      deleteRecursively(path);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot remove the partial checkpoint {}: {}", path, e.getMessage());
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }

  private static String bytes(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
