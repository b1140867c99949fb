package io.gen4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writing a directory atomically: its content goes into a hidden sibling that is renamed into place
 * when complete, so readers see the old directory (or none) or the complete new one.
 */
final class Directories {

  private Directories() {}

  /** Whether {@code directory} does not exist or is an empty directory. */
  static boolean isAbsentOrEmpty(Path directory) {
    if (!Files.exists(directory)) {
      return true;
    }
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a target that is a file, or that is not empty unless {@code replace}.
   *
   * @param hint how to ask for replacement, appended to the error
   */
  static void checkTarget(Path target, boolean replace, String hint) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is a file, not a directory");
    }
    if (!replace && !isAbsentOrEmpty(target)) {
      throw new IllegalArgumentException(target + " is not empty" + hint);
    }
  }

  /** A new hidden directory beside {@code target}, on the same file system so it can be renamed. */
  static Path createSibling(Path target, String purpose) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      // Not Files.createTempDirectory: its owner-only permissions would stay on the renamed directory.
      String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), Character.MAX_RADIX);
      return Files.createDirectory(parent.resolve("." + target.getFileName() + "." + purpose + "-" + suffix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory in " + parent + ": " + e.getMessage(), e);
    }
  }

  /**
   * Renames a complete directory onto {@code target}. An absent or empty target is simply replaced; a
   * non-empty one (only with {@code replace}) is first renamed aside, then deleted once the new
   * directory is in place.
   */
  static void moveIntoPlace(Path complete, Path target, boolean replace, String hint) {
    checkTarget(target, replace, hint);
    try {
      if (isAbsentOrEmpty(target)) {
        Files.deleteIfExists(target);
        move(complete, target);
        return;
      }
      Path previous = createSibling(target, "replaced");
      Files.delete(previous);
      move(target, previous);
      try {
        move(complete, target);
      } catch (IOException | RuntimeException e) {
        move(previous, target);
        throw e;
      }
      deleteQuietly(previous);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + complete + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a directory tree if it exists; what cannot be deleted is left (it is hidden and named). */
  static void deleteQuietly(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    } catch (IOException e) {
      // Left behind under a hidden name that says what it was; nothing reads it.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename " + from + " to " + to + " atomically", e);
    }
  }
}
