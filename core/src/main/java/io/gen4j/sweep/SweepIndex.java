package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.files.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep's directory records about its plan in {@code plan.json}, enough to rebuild its summary
 * from the run directories alone ({@code gen4j sweep --report DIR}).
 *
 * @param name the sweep's name
 * @param source the sweep file it was planned from
 * @param metric the column the summary ranks by and plots
 * @param axes the axis paths, in order
 * @param evaluation how runs are evaluated
 * @param runs every run, in plan order
 */
public record SweepIndex(
    String name, String source, String metric, List<String> axes, SweepEvaluation evaluation, List<Entry> runs) {

  /** The name of the file in the sweep's directory. */
  public static final String FILE_NAME = "plan.json";

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public SweepIndex {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(metric, "metric is null");
    axes = List.copyOf(axes);
    requireNonNull(evaluation, "evaluation is null");
    runs = List.copyOf(runs);
  }

  /**
   * One run.
   *
   * @param name its directory's name
   * @param combination its combination's name
   * @param values axis path to value, as compact JSON text
   * @param seed its seed
   */
  public record Entry(String name, String combination, Map<String, String> values, long seed) {
    public Entry {
      requireNonNull(name, "name is null");
      requireNonNull(combination, "combination is null");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /** The index of a plan. */
  public static SweepIndex of(SweepPlan plan) {
    SweepDefinition definition = plan.definition();
    List<Entry> runs = plan.runs().stream().map(run -> {
      Map<String, String> values = new LinkedHashMap<>();
      run.values().forEach((path, value) -> values.put(path, SweepFileReader.display(value)));
      return new Entry(run.name(), run.combination(), values, run.seed());
    }).toList();
    return new SweepIndex(definition.name(), definition.source(), definition.metric(),
        definition.axes().stream().map(Axis::path).toList(), definition.evaluation(), runs);
  }

  /** Writes {@code plan.json} atomically. */
  public void write(Path file) {
    AtomicFiles.write(file, temporary -> JSON.writeValue(temporary.toFile(), this));
  }

  /**
   * Reads a {@code plan.json}.
   *
   * @throws IllegalArgumentException naming the file if it is missing or malformed
   */
  public static SweepIndex read(Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      return JSON.treeToValue(node, SweepIndex.class);
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new IllegalArgumentException(file.getParent() + ": not a sweep directory (no " + FILE_NAME + ")");
    } catch (IOException e) {
      if (!file.toFile().exists()) {
        throw new IllegalArgumentException(file.getParent() + ": not a sweep directory (no " + FILE_NAME + ")");
      }
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
