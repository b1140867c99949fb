package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Writes checkpoints atomically and keeps the most recent ones. A checkpoint is first written to a
 * hidden temporary directory, then renamed to {@code step-NNNNNNNN}: a process killed at any moment
 * leaves every earlier checkpoint intact, and a directory with a step name is always complete.
 */
public final class Checkpointer {

  /** Prefix of the variable files within a checkpoint directory. */
  static final String VARIABLES = "variables";

  private static final String STATE = "state.json";
  private static final Pattern NAME = Pattern.compile("step-(\\d+)");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path directory;
  private final int keep;

  /**
   * @param directory where checkpoints go, created if needed
   * @param keep how many of the most recent checkpoints to keep, at least 1
   */
  public Checkpointer(Path directory, int keep) {
    this.directory = requireNonNull(directory, "directory is null");
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.keep = keep;
  }

  /** Saves every variable of the session's graph and the state, then drops checkpoints beyond {@code keep}. */
  public Checkpoint save(Session session, TrainingState state) {
    try {
      Files.createDirectories(directory);
      Path target = directory.resolve(String.format("step-%08d", state.step()));
      Path temporary = Files.createTempDirectory(directory, ".writing-");
      session.save(temporary.resolve(VARIABLES).toString());
      JSON.writeValue(temporary.resolve(STATE).toFile(), state);
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename checkpoints atomically in " + directory, e);
      }
      prune();
      return new Checkpoint(target, state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint with the highest step, if any. */
  public Optional<Checkpoint> latest() {
    List<Path> all = complete();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(all.get(all.size() - 1)));
  }

  /** Loads a checkpoint's variables into a session of the same graph. */
  public static void restore(Session session, Checkpoint checkpoint) {
    session.restore(checkpoint.variablesPrefix());
  }

  /** Every complete checkpoint directory, oldest first. */
  public List<Path> complete() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(path -> NAME.matcher(path.getFileName().toString()).matches())
          .filter(path -> Files.exists(path.resolve(STATE)))
          .sorted(Comparator.comparingLong(Checkpointer::stepOf))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
    }
  }

  private static Checkpoint read(Path checkpoint) {
    try {
      return new Checkpoint(checkpoint, JSON.readValue(checkpoint.resolve(STATE).toFile(), TrainingState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checkpoint.resolve(STATE) + ": " + e.getMessage(), e);
    }
  }

  private void prune() throws IOException {
    List<Path> all = complete();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteRecursively(all.get(i));
    }
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path leftover : entries.filter(path -> path.getFileName().toString().startsWith(".writing-")).toList()) {
        deleteRecursively(leftover);
      }
    }
  }

  private static long stepOf(Path checkpoint) {
    Matcher matcher = NAME.matcher(checkpoint.getFileName().toString());
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
  }

  private static void deleteRecursively(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }
}
