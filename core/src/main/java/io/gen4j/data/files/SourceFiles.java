package io.gen4j.data.files;

import io.gen4j.data.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files and folders a dataset config names: checked for existence, and fingerprinted for cache keys. */
public final class SourceFiles {

  private SourceFiles() {}

  /**
   * The absolute path of a file a config field names.
   *
   * @param field the config field, for the message, e.g. {@code data.images}
   * @param expected what the file should be, e.g. "an IDX image file"
   * @throws DatasetException if there is no such regular file
   */
  public static Path existingFile(String field, String path, String expected) {
    Path file = Path.of(path).toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      throw new DatasetException(field + ": " + file + " is a folder; expected " + expected);
    }
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(field + ": " + file + ": no such file; expected " + expected);
    }
    if (!Files.isReadable(file)) {
      throw new DatasetException(field + ": " + file + ": not readable; expected " + expected);
    }
    return file;
  }

  /** A line that changes when the file does: its path, size and modification time. */
  public static String fingerprint(Path file) {
    try {
      return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read its size and time: " + e.getMessage(), e);
    }
  }

  /** The file name without the extensions a dataset file may carry ({@code .gz}, {@code .npy}, {@code -idx3-ubyte}). */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    for (String suffix : List.of(".gz", ".npy", ".idx", "-idx3-ubyte", "-idx4-ubyte", "-idx1-ubyte", "-ubyte")) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        name = name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }
}
