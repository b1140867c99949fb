package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.gen4j.config.ConfigOverride;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a sweep file says, read by {@link SweepFileReader}: a base config, fixed overrides, axes, seeds,
 * and how runs are evaluated and compared.
 *
 * @param name names the sweep's directory, {@code <runs>/<name>/}; default the file's name without
 *     {@code .json}
 * @param source names the sweep file in messages
 * @param base the base config
 * @param set overrides every run gets (the {@code set} object: config path to value)
 * @param axes the axes in file order
 * @param random empty for a grid (every combination of the axes' values), else the random search
 * @param when extra overrides for the runs where an axis takes a given value
 * @param seeds the seeds every combination runs with; empty for the base config's own seed
 * @param evaluation how each run is evaluated
 * @param metric the column the summary ranks combinations by and plots, such as {@code fid}
 */
public record SweepDefinition(
    String name,
    String source,
    BaseConfig base,
    List<ConfigOverride> set,
    List<Axis> axes,
    Optional<RandomSearch> random,
    List<Conditional> when,
    List<Long> seeds,
    SweepEvaluation evaluation,
    String metric) {

  public SweepDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(base, "base is null");
    set = List.copyOf(set);
    axes = List.copyOf(axes);
    requireNonNull(random, "random is null");
    when = List.copyOf(when);
    seeds = List.copyOf(seeds);
    requireNonNull(evaluation, "evaluation is null");
    requireNonNull(metric, "metric is null");
  }

  /** Reads a sweep file; a relative {@code base} path is resolved against the file's directory. */
  public static SweepDefinition read(Path file) {
    return SweepFileReader.read(file);
  }

  /**
   * The base config of a sweep.
   *
   * @param json its text
   * @param source names it in messages: its path, or the sweep file's {@code $.base} when inline
   * @param file the file it was read from, if any
   */
  public record BaseConfig(String json, String source, Optional<Path> file) {
    public BaseConfig {
      requireNonNull(json, "json is null");
      requireNonNull(source, "source is null");
      requireNonNull(file, "file is null");
    }
  }

  /**
   * A random search: {@code draws} combinations, each axis drawn independently.
   *
   * @param draws how many combinations, at least 1
   * @param seed seeds the draws: the same seed gives the same combinations
   */
  public record RandomSearch(int draws, long seed) {}

  /**
   * Overrides for the runs where an axis takes a value ({@code "when": {"model.loss=wasserstein":
   * {"model.constraint": "gradient-penalty"}}}).
   *
   * @param axis the axis path
   * @param value the value that triggers the overrides
   * @param overrides what those runs get on top of their axis values
   */
  public record Conditional(String axis, JsonNode value, List<ConfigOverride> overrides) {
    public Conditional {
      requireNonNull(axis, "axis is null");
      requireNonNull(value, "value is null");
      overrides = List.copyOf(overrides);
    }

    /** {@code axis=value} as written in the file. */
    public String key() {
      return axis + "=" + (value.isTextual() ? value.asText() : value.toString());
    }
  }
}
