package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs benchmark rows in child processes. The first session of a process fixes TensorFlow's thread
 * pools for the whole process, so rows that need other pools (another model type's automatic choice,
 * another setting to compare) need a process of their own, and processes side by side are how runs
 * side by side (a sweep's) share the cores.
 *
 * <p>Each child runs the command it is given with the path of a {@link BenchTask} file appended,
 * prints its rows as it times them (forwarded line by line) and writes its report, whose results are
 * collected here. A child that fails leaves one {@link BenchFailure} per row it did not report.
 */
public final class BenchProcesses implements AutoCloseable {

  private final List<String> command;
  private final Path directory;
  private final Consumer<String> output;
  private int tasks;

  /**
   * @param command the child's command up to the task file, such as {@code [java, -cp, CP, MAIN, bench,
   *     --worker]}
   * @param output told every line the children print
   * @throws UncheckedIOException if the temporary directory for the task files, reports and barriers
   *     cannot be created
   */
  public BenchProcesses(List<String> command, Consumer<String> output) {
    this.command = List.copyOf(command);
    this.output = requireNonNull(output, "output is null");
    if (this.command.isEmpty()) {
      throw new IllegalArgumentException("the child command is empty");
    }
    try {
      this.directory = Files.createTempDirectory("gen4j-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the benchmark processes", e);
    }
  }

  /**
   * The thread settings {@code gen4j bench --threads} compares on {@code processors} cores: 1 intra-op
   * and 1 inter-op thread, 1 and all, all and 1, all and all (TensorFlow's own choice), without repeats.
   */
  public static List<ThreadsConfig> settingsToCompare(int processors) {
    Set<ThreadsConfig> settings = new LinkedHashSet<>();
    settings.add(new ThreadsConfig(1, 1));
    settings.add(new ThreadsConfig(1, processors));
    settings.add(new ThreadsConfig(processors, 1));
    settings.add(new ThreadsConfig(processors, processors));
    return List.copyOf(settings);
  }

  /** Runs each model type of {@code settings} in a process of its own, one after another. */
  public List<BenchResult> run(BenchSettings settings, List<String> modelTypes, ContractionSpeed peak) {
    List<BenchResult> results = new ArrayList<>();
    for (String type : modelTypes) {
      results.addAll(alone(settings.withModelTypes(List.of(type)), peak));
    }
    return results;
  }

  /**
   * For each model type: its rows in one process per thread setting ({@link #settingsToCompare}), then
   * in {@code processors} processes side by side with 1 intra-op and 1 inter-op thread each.
   */
  public List<BenchResult> compareThreads(
      BenchSettings settings, List<String> modelTypes, ContractionSpeed peak, int processors) {
    List<BenchResult> results = new ArrayList<>();
    for (String type : modelTypes) {
      BenchSettings model = settings.withModelTypes(List.of(type));
      for (ThreadsConfig threads : settingsToCompare(processors)) {
        results.addAll(alone(model.withThreads(threads), peak));
      }
      if (processors > 1) {
        results.addAll(sideBySide(model.withThreads(new ThreadsConfig(1, 1)), peak, processors));
      }
    }
    return results;
  }

  private List<BenchResult> alone(BenchSettings settings, ContractionSpeed peak) {
    Path report = directory.resolve("report-" + ++tasks + ".json");
    Path task = directory.resolve("task-" + tasks + ".json");
    new BenchTask(settings, peak, report.toString(), null, 1, 0).write(task);
    Process process = start(task);
    int status = finish(process, forward(process));
    return results(settings, report, status);
  }

  private List<BenchResult> sideBySide(BenchSettings settings, ContractionSpeed peak, int count) {
    Path barrier = directory.resolve("barrier-" + ++tasks);
    try {
      Files.createDirectory(barrier);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + barrier, e);
    }
    List<Process> processes = new ArrayList<>();
    List<Thread> forwarders = new ArrayList<>();
    List<Path> reports = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      Path report = directory.resolve("report-" + tasks + "-" + index + ".json");
      Path task = directory.resolve("task-" + tasks + "-" + index + ".json");
      new BenchTask(settings, peak, report.toString(), barrier.toString(), count, index).write(task);
      Process process = start(task);
      processes.add(process);
      forwarders.add(forward(process));
      reports.add(report);
    }
    List<BenchResult> results = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      results.addAll(results(settings, reports.get(index), finish(processes.get(index), forwarders.get(index))));
    }
    return results;
  }

  private Process start(Path task) {
    List<String> full = new ArrayList<>(command);
    full.add(task.toString());
    try {
      return new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a benchmark process: " + e.getMessage(), e);
    }
  }

  /** Forwards the child's output lines from a thread of their own, so children side by side never block. */
  private Thread forward(Process process) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (output) {
            output.accept(line);
          }
        }
      } catch (IOException e) {
        // the child went away; its exit status tells
      }
    }, "bench-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static int finish(Process process, Thread forwarder) {
    try {
      int status = process.waitFor();
      forwarder.join();
      return status;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a benchmark process", e);
    }
  }

  /** The temporary directory of the task files, reports and barriers. */
  Path directory() {
    return directory;
  }

  /** Deletes the task files, reports and barriers. */
  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  /** The child's results, or one failure per row it did not report. */
  private static List<BenchResult> results(BenchSettings settings, Path report, int status) {
    if (status == 0 && Files.isRegularFile(report)) {
      return BenchJson.read(report).results();
    }
    List<BenchResult> failed = new ArrayList<>();
    for (String type : settings.modelTypes()) {
      for (int batchSize : settings.batchSizes()) {
        for (BenchMode mode : settings.modes()) {
          failed.add(new BenchFailure(type, mode, batchSize, status == 0
              ? "the benchmark process wrote no report (exit status 0)"
              : "the benchmark process exited with status " + status));
        }
      }
    }
    return failed;
  }
}
