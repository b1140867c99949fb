package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.data.ImageDataset;
import io.gen4j.inject.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a benchmark process started by {@link BenchProcesses} does, as the JSON file it reads: time
 * {@code settings} against {@code peak} (measured once, by the process that started it) and write its
 * report to {@code report}.
 *
 * @param settings the rows to time and the thread pools to time them with
 * @param peak the machine's matmul peak
 * @param report where to write the {@link BenchReport} ({@link BenchJson})
 * @param barrier the directory of the {@link FileBarrier} the processes side by side meet in; {@code
 *     null} for a process alone
 * @param sideBySide processes side by side, this one included
 * @param index this process's number among them, from 0
 */
public record BenchTask(
    BenchSettings settings, ContractionSpeed peak, String report, String barrier, int sideBySide, int index) {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public BenchTask {
    requireNonNull(settings, "settings is null");
    requireNonNull(peak, "peak is null");
    requireNonNull(report, "report is null");
    if (sideBySide > 1 && barrier == null) {
      throw new IllegalArgumentException(sideBySide + " processes side by side need a barrier directory");
    }
  }

  /** How this process runs beside the others. */
  public SideBySide arrangement() {
    return barrier == null ? SideBySide.ALONE : new SideBySide(sideBySide, new FileBarrier(Path.of(barrier), sideBySide, index));
  }

  /**
   * Does the task: times its rows on {@code dataset} with the models of {@code catalog}, beside the
   * other processes, and writes the report.
   *
   * @param onResult told of every row as soon as it is done
   */
  public BenchReport perform(ModelCatalog catalog, ImageDataset dataset, Consumer<BenchResult> onResult) {
    BenchReport done = new Benchmark(catalog, arrangement()).run(settings, dataset, peak, onResult);
    BenchJson.write(done, Path.of(report));
    return done;
  }

  /** Writes the task to {@code file}. */
  public void write(Path file) {
    try {
      Files.writeString(file, MAPPER.writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark task " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a task {@link #write} wrote. */
  public static BenchTask read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), BenchTask.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark task " + file + ": " + e.getMessage(), e);
    }
  }
}
