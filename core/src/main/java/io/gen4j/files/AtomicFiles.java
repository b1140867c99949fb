package io.gen4j.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary file in the same directory and a rename, so readers (and a crash
 * half-way) never leave half of it. The temporary file is created like any other (the umask decides who
 * may read it), not with {@link Files#createTempFile}'s owner-only permissions, since run files are
 * meant to be shared.
 */
public final class AtomicFiles {

  /** Writes a file's content to the path it is given. */
  @FunctionalInterface
  public interface Content {

    /** Writes the whole content to {@code temporary}, which does not exist yet. */
    void writeTo(Path temporary) throws IOException;
  }

  private AtomicFiles() {}

  /** Replaces {@code file} with {@code bytes}. */
  public static void write(Path file, byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    write(file, temporary -> Files.write(temporary, bytes));
  }

  /**
   * Replaces {@code file} with what {@code content} writes, creating its directory if needed.
   *
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public static void write(Path file, Content content) {
    requireNonNull(file, "file is null");
    requireNonNull(content, "content is null");
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = parent.resolve("." + file.getFileName() + ".tmp");
      try {
        Files.deleteIfExists(temporary);
        content.writeTo(temporary);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
