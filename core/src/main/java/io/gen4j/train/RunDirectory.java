package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of one run, {@code <runs>/<name>-<yyyyMMdd-HHmmss>/}: the resolved {@code config.json},
 * {@code provenance.json}, {@code metrics.jsonl}, sample grids under {@code samples/}, checkpoints
 * under {@code checkpoints/}, and what is drawn from them: {@code loss.png}, {@code samples.gif},
 * TensorBoard event files under {@code tensorboard/}, the report {@code index.html} with the status it
 * shows in {@code status.json}; {@code train.lock}, naming the process training it; and {@code
 * eval.json} once {@code gen4j eval} has scored the run.
 */
public final class RunDirectory {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a new run directory; a second run in the same second gets a numeric suffix.
   *
   * @param runs where run directories go, created if needed
   * @param name the run's name: letters, digits, '.', '_' and '-', so the directory stays in {@code runs}
   * @throws RunDirectoryException in one line if {@code runs} is a file or lies under one, or a directory
   *     cannot be created there
   */
  public static RunDirectory create(Path runs, String name, LocalDateTime now) {
    requireNonNull(runs, "runs is null");
    requireNonNull(name, "name is null");
    requireNonNull(now, "now is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "run name must be letters, digits, '.', '_' or '-' (it names a directory), got '" + name + "'");
    }
    Path parent = runs.normalize();
    if (parent.toString().isEmpty()) {
      parent = Path.of(".");
    }
    createRunsDirectory(parent);
    String base = name + "-" + STAMP.format(now);
    Path candidate = parent.resolve(base);
    for (int suffix = 2; ; suffix++) {
      if (!candidate.normalize().getParent().equals(parent.normalize())) {
        throw new IllegalArgumentException("run name '" + name + "' would leave the runs directory " + parent);
      }
      try {
        Files.createDirectory(candidate);
        return new RunDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        candidate = parent.resolve(base + "-" + suffix);
      } catch (IOException e) {
        throw new RunDirectoryException(
            "cannot create the run directory " + candidate.getFileName() + " in " + parent + ": " + reason(e), e);
      }
    }
  }

  private static void createRunsDirectory(Path runs) {
    if (Files.isDirectory(runs)) {
      return;
    }
    if (Files.exists(runs)) {
      throw new RunDirectoryException("runs directory " + runs + " is a file, not a directory");
    }
    for (Path ancestor = runs.toAbsolutePath().getParent(); ancestor != null; ancestor = ancestor.getParent()) {
      if (Files.exists(ancestor) && !Files.isDirectory(ancestor)) {
        throw new RunDirectoryException("runs directory " + runs + " lies under " + ancestor + ", which is a file");
      }
    }
    try {
      Files.createDirectories(runs);
    } catch (IOException e) {
      throw new RunDirectoryException("cannot create the runs directory " + runs + ": " + reason(e), e);
    }
  }

  /** What went wrong with a file operation, in a few words. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name exists";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  /** An existing run directory; it must hold a {@code config.json}. */
  public static RunDirectory open(Path path) {
    requireNonNull(path, "path is null");
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(path + ": " + (Files.exists(path) ? "not a directory" : "no such run directory"));
    }
    RunDirectory run = new RunDirectory(path.normalize());
    if (!Files.isRegularFile(run.configFile())) {
      throw new IllegalArgumentException(path + ": not a gen4j run directory (no config.json)");
    }
    return run;
  }

  public Path path() {
    return path;
  }

  /** The resolved config, every default filled in. */
  public Path configFile() {
    return path.resolve("config.json");
  }

  /** What produced the run: versions, machine, data. */
  public Path provenanceFile() {
    return path.resolve("provenance.json");
  }

  /** One JSON object per logged step. */
  public Path metricsFile() {
    return path.resolve("metrics.jsonl");
  }

  /** Sample grids, one per sample interval. */
  public Path samplesDirectory() {
    return path.resolve("samples");
  }

  /** The grid of samples at the end of training. */
  public Path finalSamples() {
    return samplesDirectory().resolve("final.png");
  }

  public Path checkpointsDirectory() {
    return path.resolve("checkpoints");
  }

  /** The plot of every metrics series against the step. */
  public Path lossPlot() {
    return path.resolve("loss.png");
  }

  /** The fixed-noise sample grids as one animated GIF. */
  public Path samplesAnimation() {
    return path.resolve("samples.gif");
  }

  /** TensorBoard event files. */
  public Path tensorBoardDirectory() {
    return path.resolve("tensorboard");
  }

  /** The run report, a self-contained HTML page. */
  public Path reportFile() {
    return path.resolve("index.html");
  }

  /** Where training stands (running, finished, failed), as the report last recorded it. */
  public Path statusFile() {
    return path.resolve("status.json");
  }

  /** Names the process that trains the run while it does: see {@link RunLock}. */
  public Path lockFile() {
    return path.resolve("train.lock");
  }

  /** Space set aside while training, freed to record a failure when the disk is full. */
  public Path reserveFile() {
    return path.resolve(".space-reserve");
  }

  /** Bytes set aside by {@link #reserveSpace}. */
  static final int RESERVE_BYTES = 1 << 18;

  /**
   * Sets {@value #RESERVE_BYTES} bytes of disk aside in {@link #reserveFile()}, so that a run that fills
   * the disk can still record its failure: {@link #releaseReserve} frees them. Best effort: a disk too
   * full for the reserve gets none.
   */
  public void reserveSpace() {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(reserveFile(),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(RESERVE_BYTES);
      while (zeros.hasRemaining()) {
        channel.write(zeros, zeros.position());
      }
      channel.force(true);
    } catch (IOException e) {
      releaseReserve();
    }
  }

  /** Frees the space {@link #reserveSpace} set aside. */
  public void releaseReserve() {
    try {
      Files.deleteIfExists(reserveFile());
    } catch (IOException e) {
      // nothing was reserved, or nothing can be done
    }
  }

  /** The figures of the latest {@code gen4j eval} of the run. */
  public Path evaluationFile() {
    return path.resolve("eval.json");
  }

  /**
   * Deletes what training and evaluation write here (metrics, samples, checkpoints, TensorBoard files,
   * plot, animation, report, status, provenance, {@code eval.json}), keeping {@code config.json} and any
   * other file, so that a run can start over in the same directory.
   */
  public void clearTrainingOutput() {
    for (Path written : List.of(metricsFile(), samplesDirectory(), checkpointsDirectory(), tensorBoardDirectory(),
        lossPlot(), samplesAnimation(), reportFile(), statusFile(), provenanceFile(), evaluationFile())) {
      deleteRecursively(written);
    }
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
