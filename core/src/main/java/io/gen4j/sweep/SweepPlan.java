package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep expanded into its runs, every one validated: what {@link SweepPlanner} makes of a {@link
 * SweepDefinition}.
 *
 * @param definition the sweep file
 * @param runs every combination with every seed: combinations in the sweep's order, seeds within each
 */
public record SweepPlan(SweepDefinition definition, List<PlannedRun> runs) {

  public SweepPlan {
    requireNonNull(definition, "definition is null");
    runs = List.copyOf(runs);
  }

  /** The sweep's name. */
  public String name() {
    return definition.name();
  }

  /** The runs of each combination, combinations in order. */
  public Map<String, List<PlannedRun>> combinations() {
    Map<String, List<PlannedRun>> combinations = new LinkedHashMap<>();
    runs.forEach(run -> combinations.computeIfAbsent(run.combination(), key -> new ArrayList<>()).add(run));
    return combinations;
  }
}
