package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: a combination of axis values with one seed, and the config that makes.
 *
 * @param name the run's directory name under the sweep's, such as {@code loss-hinge_s1}
 * @param combination the combination's name, the same for each of its seeds, such as {@code loss-hinge}
 * @param values the axis values, by axis path in the sweep's order
 * @param seed the run's seed
 * @param overrides every override the run's config got over the base config, in the order applied
 * @param config the validated config
 */
public record PlannedRun(
    String name,
    String combination,
    Map<String, JsonNode> values,
    long seed,
    List<ConfigOverride> overrides,
    ExperimentConfig config) {

  public PlannedRun {
    requireNonNull(name, "name is null");
    requireNonNull(combination, "combination is null");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    overrides = List.copyOf(overrides);
    requireNonNull(config, "config is null");
  }
}
