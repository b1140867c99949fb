package io.gen4j.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.files.AtomicFiles;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.TrainingListener;
import io.gen4j.spi.TrainingStarted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kind of each metric a run's model declared ({@link MetricKind}), kept in the run directory's
 * {@code metric-kinds.json} ({@code {"d_loss": "loss", "d_real": "score", ...}}) so that the plot and
 * the report sort series by what they measure, not by their names, also when rebuilt from the
 * directory alone. An evaluation series ({@code mnist-test negative_elbo}) has the kind of the metric
 * of its score's name.
 *
 * @param declared kinds by metric name
 */
public record MetricKinds(Map<String, MetricKind> declared) {

  /** No declared kinds: every series' kind is guessed. */
  public static final MetricKinds NONE = new MetricKinds(Map.of());

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public MetricKinds {
    declared = Collections.unmodifiableMap(new TreeMap<>(declared));
  }

  /** The declared kind of a series, if any: its own name's, or for an evaluation series its score's. */
  public Optional<MetricKind> of(String series) {
    requireNonNull(series, "series is null");
    MetricKind kind = declared.get(series);
    if (kind == null && series.indexOf(' ') > 0) {
      kind = declared.get(series.substring(series.lastIndexOf(' ') + 1));
    }
    return Optional.ofNullable(kind);
  }

  /** Reads {@code metric-kinds.json}; {@link #NONE} when the run has none (a run of an older gen4j). */
  public static MetricKinds read(Path file) {
    try {
      Map<String, MetricKind> kinds = JSON.readValue(
          Files.readString(file, StandardCharsets.UTF_8), new TypeReference<LinkedHashMap<String, MetricKind>>() {});
      return new MetricKinds(kinds == null ? Map.of() : kinds);
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": expected an object of metric names to loss, score or other: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code metric-kinds.json} atomically. */
  public void write(Path file) {
    try {
      AtomicFiles.write(file, (JSON.writeValueAsString(declared) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records the kinds a run's model declared when training starts (and again on resume). */
  public static final class Writer implements TrainingListener {
    private final Path file;

    /** @param file the run's {@code metric-kinds.json} */
    public Writer(Path file) {
      this.file = requireNonNull(file, "file is null");
    }

    @Override
    public void onStart(TrainingStarted event) {
      new MetricKinds(event.metricKinds()).write(file);
    }
  }
}
