package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.config.ConfigLoader;
import io.gen4j.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep's directory, {@code <runs>/<sweep>/}: {@value SweepIndex#FILE_NAME} (the plan), one run
 * directory per run named after it, each prepared with its resolved {@code config.json} before anything
 * runs, and the summary files ({@link SummaryWriter}). Preparing it again for the same sweep keeps what
 * the runs have done, which is how a restarted sweep skips and resumes them; a run directory whose
 * config differs from the sweep's now is refused rather than mixed in.
 */
public final class SweepDirectory {

  /** The file a running sweep holds a lock on, so that two sweeps never drive the same runs. */
  public static final String LOCK_FILE = "sweep.lock";

  private final Path path;

  private SweepDirectory(Path path) {
    this.path = path;
  }

  /** An existing sweep directory (it holds {@value SweepIndex#FILE_NAME}). */
  public static SweepDirectory open(Path path) {
    requireNonNull(path, "path is null");
    if (!Files.isRegularFile(path.resolve(SweepIndex.FILE_NAME))) {
      throw new IllegalArgumentException(path + ": not a sweep directory (no " + SweepIndex.FILE_NAME + ")");
    }
    return new SweepDirectory(path);
  }

  /**
   * Creates (or reopens) {@code <runs>/<sweep>/} for a plan: writes each new run's {@code config.json}
   * and the plan.
   *
   * @throws IllegalArgumentException naming the run and the first differing field when an existing run's
   *     config is not what the plan resolves to
   */
  public static SweepDirectory prepare(Path runs, SweepPlan plan, ConfigLoader loader) {
    Path path = runs.resolve(plan.name());
    try {
      Files.createDirectories(path);
      for (PlannedRun run : plan.runs()) {
        Path runDirectory = path.resolve(run.name());
        Path configFile = runDirectory.resolve("config.json");
        String json = loader.toJson(run.config());
        if (Files.exists(configFile)) {
          String existing = Files.readString(configFile, StandardCharsets.UTF_8);
          Optional<String> difference = difference(existing, json);
          if (difference.isPresent()) {
            throw new IllegalArgumentException(runDirectory + ": its config.json differs from what "
                + plan.definition().source() + " makes of it now (" + difference.get() + "); give the sweep another "
                + "name or --runs directory, or delete the run directory to start it over");
          }
        } else {
          Files.createDirectories(runDirectory);
          AtomicFiles.write(configFile, json.getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the sweep directory " + path + ": " + e.getMessage(), e);
    }
    SweepIndex.of(plan).write(path.resolve(SweepIndex.FILE_NAME));
    return new SweepDirectory(path);
  }

  public Path path() {
    return path;
  }

  /** The directory of a run. */
  public Path run(String name) {
    return path.resolve(name);
  }

  /** The plan recorded here. */
  public SweepIndex index() {
    return SweepIndex.read(path.resolve(SweepIndex.FILE_NAME));
  }

  /** Where every run of the plan stands, by run name in plan order. */
  public Map<String, RunResult> results() {
    SweepIndex index = index();
    Map<String, RunResult> results = new LinkedHashMap<>();
    for (SweepIndex.Entry entry : index.runs()) {
      results.put(entry.name(), RunResult.read(run(entry.name()), index.evaluation()));
    }
    return results;
  }

  /**
   * Takes the sweep's lock, held until the returned lock is closed (or the process ends).
   *
   * @throws IllegalArgumentException if another process holds it
   */
  public AutoCloseable lock() {
    try {
      FileChannel channel = FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalArgumentException(path + ": another gen4j sweep is running on this directory");
      }
      return () -> {
        lock.release();
        channel.close();
      };
    } catch (OverlappingFileLockException e) {
      throw new IllegalArgumentException(path + ": another gen4j sweep is running on this directory");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + path.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
    }
  }

  /** Where two configs' JSON first differ, as {@code $.path: A here, B in the sweep}; empty if they are the same. */
  static Optional<String> difference(String existing, String planned) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    return difference("$", json.readTree(existing), json.readTree(planned));
  }

  private static Optional<String> difference(String at, JsonNode existing, JsonNode planned) {
    if (existing != null && planned != null && existing.isObject() && planned.isObject()) {
      for (Iterator<String> names = planned.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        Optional<String> inner = difference(at + "." + name, existing.get(name), planned.get(name));
        if (inner.isPresent()) {
          return inner;
        }
      }
      for (Iterator<String> names = existing.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!planned.has(name)) {
          return Optional.of(at + "." + name + ": " + existing.get(name) + " here, nothing in the sweep");
        }
      }
      return Optional.empty();
    }
    if (existing == null ? planned == null : existing.equals(planned)) {
      return Optional.empty();
    }
    return Optional.of(at + ": " + (existing == null ? "nothing" : existing) + " here, "
        + (planned == null ? "nothing" : planned) + " in the sweep");
  }
}
