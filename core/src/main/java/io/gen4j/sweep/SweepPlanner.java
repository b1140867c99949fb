package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigLoader;
import io.gen4j.config.ConfigOverride;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.inject.ModelCatalog;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Expands a sweep into its runs and validates every one before anything runs: each run's config is the
 * base config with, in order, the sweep's {@code set}, the combination's axis values, the {@code when}
 * overrides its values trigger, its seed and its name, read by {@link ConfigLoader#parse(String, String,
 * List)} exactly as {@code gen4j train} would read it, and then created by its model provider. A
 * combination that fails is refused with one line naming the axis and value that caused it (or the
 * whole combination, when no single value does).
 */
public final class SweepPlanner {

  /** Significant digits drawn values of a real range are rounded to, so names and configs stay short. */
  public static final int DRAWN_DIGITS = 3;

  /** Longest combination name made of axis values; longer ones are numbered instead. */
  static final int MAX_LABEL = 80;

  private final ConfigLoader loader;
  private final ModelCatalog catalog;

  public SweepPlanner(ConfigLoader loader, ModelCatalog catalog) {
    this.loader = requireNonNull(loader, "loader is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /**
   * The runs of a sweep.
   *
   * @throws ConfigException naming the sweep file and the axis and value of the first combination that
   *     cannot run
   */
  public SweepPlan plan(SweepDefinition sweep) {
    requireNonNull(sweep, "sweep is null");
    List<Map<String, JsonNode>> combinations = combinations(sweep);
    List<String> labels = labels(sweep, combinations);
    List<PlannedRun> runs = new ArrayList<>();
    for (int i = 0; i < combinations.size(); i++) {
      Map<String, JsonNode> values = combinations.get(i);
      List<ConfigOverride> common = new ArrayList<>(sweep.set());
      values.forEach((path, value) -> common.add(new ConfigOverride(path, value)));
      common.addAll(conditionalOverrides(sweep, values));
      Optional<String> problem = problem(sweep, common);
      if (problem.isPresent()) {
        throw blame(sweep, values, problem.get());
      }
      List<Long> seeds = sweep.seeds().isEmpty() ? List.of(resolve(sweep, common).seed()) : sweep.seeds();
      for (long seed : seeds) {
        String name = labels.get(i).isEmpty() ? "s" + seed : labels.get(i) + "_s" + seed;
        List<ConfigOverride> overrides = new ArrayList<>(common);
        overrides.add(ConfigOverride.of("seed", seed));
        overrides.add(ConfigOverride.of("name", name));
        runs.add(new PlannedRun(name, labels.get(i).isEmpty() ? "base" : labels.get(i), values, seed, overrides,
            resolve(sweep, overrides)));
      }
    }
    return new SweepPlan(sweep, runs);
  }

  /** The axis values of every combination, in order: a grid's product (first axis outermost), or the draws. */
  static List<Map<String, JsonNode>> combinations(SweepDefinition sweep) {
    List<Map<String, JsonNode>> combinations = new ArrayList<>();
    if (sweep.random().isPresent()) {
      SplittableRandom random = new SplittableRandom(sweep.random().get().seed());
      for (int draw = 0; draw < sweep.random().get().draws(); draw++) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Axis axis : sweep.axes()) {
          values.put(axis.path(), draw(axis, random));
        }
        combinations.add(values);
      }
      return combinations;
    }
    combinations.add(new LinkedHashMap<>());
    for (Axis axis : sweep.axes()) {
      List<Map<String, JsonNode>> extended = new ArrayList<>();
      for (Map<String, JsonNode> prefix : combinations) {
        for (JsonNode value : ((Axis.Values) axis).values()) {
          Map<String, JsonNode> values = new LinkedHashMap<>(prefix);
          values.put(axis.path(), value);
          extended.add(values);
        }
      }
      combinations = extended;
    }
    return combinations;
  }

  private static JsonNode draw(Axis axis, SplittableRandom random) {
    if (axis instanceof Axis.Values values) {
      return values.values().get(random.nextInt(values.values().size()));
    }
    Axis.Range range = (Axis.Range) axis;
    return switch (range.distribution()) {
      case UNIFORM -> DoubleNode.valueOf(round(range.low() + random.nextDouble() * (range.high() - range.low())));
      case LOG_UNIFORM -> DoubleNode.valueOf(round(Math.exp(
          Math.log(range.low()) + random.nextDouble() * (Math.log(range.high()) - Math.log(range.low())))));
      case INTEGER -> {
        long value = (long) range.low() + random.nextLong((long) range.high() - (long) range.low() + 1);
        yield value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
      }
    };
  }

  private static double round(double value) {
    return new BigDecimal(value).round(new MathContext(DRAWN_DIGITS)).doubleValue();
  }

  /** The combinations' names: {@code <axis>-<value>} joined by '_', numbered in a random search, unique. */
  static List<String> labels(SweepDefinition sweep, List<Map<String, JsonNode>> combinations) {
    Map<String, String> shortNames = shortNames(sweep.axes());
    int digits = String.valueOf(combinations.size()).length();
    List<String> labels = new ArrayList<>();
    Map<String, Integer> used = new HashMap<>();
    for (int i = 0; i < combinations.size(); i++) {
      List<String> parts = new ArrayList<>();
      combinations.get(i).forEach((path, value) -> parts.add(shortNames.get(path) + "-" + token(value)));
      String label = String.join("_", parts);
      String number = String.format("%0" + digits + "d", i + 1);
      if (sweep.random().isPresent()) {
        label = label.isEmpty() || label.length() > MAX_LABEL ? "r" + number : "r" + number + "_" + label;
      } else if (label.length() > MAX_LABEL) {
        label = "c" + number;
      }
      int seen = used.merge(label, 1, Integer::sum);
      labels.add(seen == 1 ? label : label + "-" + seen);
    }
    return labels;
  }

  private static Map<String, String> shortNames(List<Axis> axes) {
    Map<String, Integer> counts = new HashMap<>();
    axes.forEach(axis -> counts.merge(lastSegment(axis.path()), 1, Integer::sum));
    Map<String, String> names = new LinkedHashMap<>();
    for (Axis axis : axes) {
      String last = lastSegment(axis.path());
      names.put(axis.path(), counts.get(last) == 1 ? last : axis.path().replace('.', '-'));
    }
    return names;
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** A value as part of a directory name: numbers in plain notation, anything else reduced to [A-Za-z0-9.-]. */
  static String token(JsonNode value) {
    String text;
    if (value.isNumber()) {
      text = value.isIntegralNumber() ? value.asText() : new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
    } else {
      text = SweepFileReader.display(value);
    }
    String token = text.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    return token.isEmpty() ? "x" : token;
  }

  private static List<ConfigOverride> conditionalOverrides(SweepDefinition sweep, Map<String, JsonNode> values) {
    List<ConfigOverride> overrides = new ArrayList<>();
    for (SweepDefinition.Conditional conditional : sweep.when()) {
      if (conditional.value().equals(values.get(conditional.axis()))) {
        overrides.addAll(conditional.overrides());
      }
    }
    return overrides;
  }

  private ExperimentConfig resolve(SweepDefinition sweep, List<ConfigOverride> overrides) {
    return loader.parse(sweep.base().json(), sweep.base().source(), overrides);
  }

  /** What is wrong with the base config under these overrides, if anything (the model's own checks included). */
  private Optional<String> problem(SweepDefinition sweep, List<ConfigOverride> overrides) {
    try {
      ExperimentConfig config = resolve(sweep, overrides);
      catalog.createModel(config);
      return Optional.empty();
    } catch (ConfigException e) {
      return Optional.of(e.getMessage());
    } catch (IllegalArgumentException e) {
      return Optional.of(sweep.base().source() + ": model rejects it: " + e.getMessage());
    }
  }

  /** The error for a combination that fails: blames the base, one axis value, or the whole combination. */
  private ConfigException blame(SweepDefinition sweep, Map<String, JsonNode> values, String problem) {
    if (problem(sweep, sweep.set()).filter(problem::equals).isPresent()) {
      String with = sweep.set().isEmpty() ? "" : " with $.set";
      return new ConfigException(sweep.source() + ": the base config" + with + " cannot run: " + problem);
    }
    for (Map.Entry<String, JsonNode> value : values.entrySet()) {
      List<ConfigOverride> alone = new ArrayList<>(sweep.set());
      alone.add(new ConfigOverride(value.getKey(), value.getValue()));
      alone.addAll(conditionalOverrides(sweep, Map.of(value.getKey(), value.getValue())));
      if (problem(sweep, alone).filter(problem::equals).isPresent()) {
        return new ConfigException(sweep.source() + ": axis " + value.getKey() + ", value "
            + SweepFileReader.display(value.getValue()) + ": " + problem);
      }
    }
    List<String> parts = new ArrayList<>();
    values.forEach((path, value) -> parts.add(path + "=" + SweepFileReader.display(value)));
    return new ConfigException(sweep.source() + ": combination " + String.join(", ", parts) + ": " + problem);
  }
}
