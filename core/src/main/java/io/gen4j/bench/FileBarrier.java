package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A barrier between processes through files in a shared directory: in round r, each of the {@code
 * parties} processes creates {@code r.<index>} and waits until all of them exist. Benchmark processes
 * side by side call it before timing each row, so their timed iterations overlap.
 */
public final class FileBarrier implements Runnable {

  /** How long a process waits for the others before giving up. */
  static final long TIMEOUT_MILLIS = 600_000;

  private final Path directory;
  private final int parties;
  private final int index;
  private int round;

  /**
   * @param directory shared by the processes, existing
   * @param parties the processes that meet, at least 1
   * @param index this process's number, 0 to {@code parties - 1}
   */
  public FileBarrier(Path directory, int parties, int index) {
    this.directory = requireNonNull(directory, "directory is null");
    if (parties < 1 || index < 0 || index >= parties) {
      throw new IllegalArgumentException("process " + index + " of " + parties + " does not exist");
    }
    this.parties = parties;
    this.index = index;
  }

  /** Waits until every process has reached the same round as this one. */
  @Override
  public void run() {
    String prefix = ++round + ".";
    try {
      Files.createFile(directory.resolve(prefix + index));
      long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
      while (arrived(prefix) < parties) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("the other benchmark processes did not reach round " + round + " within "
              + TIMEOUT_MILLIS / 1000 + " s (" + directory + ")");
        }
        Thread.sleep(1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot meet the other benchmark processes in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the other benchmark processes", e);
    }
  }

  private long arrived(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().startsWith(prefix)).count();
    }
  }
}
