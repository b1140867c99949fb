package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one run, {@code <runs>/<name>-<yyyyMMdd-HHmmss>/}: the resolved {@code config.json},
 * {@code provenance.json}, {@code metrics.jsonl}, sample grids under {@code samples/}, checkpoints
 * under {@code checkpoints/}, and what is drawn from them: {@code loss.png}, {@code samples.gif},
 * TensorBoard event files under {@code tensorboard/}, the report {@code index.html} with the status it
 * shows in {@code status.json}; and {@code eval.json} once {@code gen4j eval} has scored the run.
 */
public final class RunDirectory {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /** Creates a new run directory; a second run in the same second gets a numeric suffix. */
  public static RunDirectory create(Path runs, String name, LocalDateTime now) {
    try {
      Files.createDirectories(runs);
      String base = name + "-" + STAMP.format(now);
      Path candidate = runs.resolve(base);
      for (int suffix = 2; ; suffix++) {
        try {
          Files.createDirectory(candidate);
          return new RunDirectory(candidate);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          candidate = runs.resolve(base + "-" + suffix);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run directory in " + runs + ": " + e.getMessage(), e);
    }
  }

  /** An existing run directory; it must hold a {@code config.json}. */
  public static RunDirectory open(Path path) {
    requireNonNull(path, "path is null");
    RunDirectory run = new RunDirectory(path);
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
