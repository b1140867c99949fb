package io.gen4j.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.config.ConfigException;
import io.gen4j.config.ConfigOverride;
import io.gen4j.spi.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads sweep files strictly: every mistake is a {@link ConfigException} with one line naming the file,
 * the JSON path and what was expected. What the axes do to the config is checked later, by {@link
 * SweepPlanner}.
 */
final class SweepFileReader {

  static final List<String> FIELDS = List.of("name", "base", "set", "axes", "random", "when", "seeds", "eval", "metric");

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private final String source;
  private final Path directory;

  private SweepFileReader(String source, Path directory) {
    this.source = source;
    this.directory = directory;
  }

  static SweepDefinition read(Path file) {
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    String fileName = file.getFileName().toString();
    String defaultName = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Path parent = file.getParent() != null ? file.getParent() : Path.of("");
    return parse(json, file.toString(), parent, defaultName);
  }

  /**
   * Parses a sweep file's text.
   *
   * @param directory what a relative {@code base} path is resolved against
   * @param defaultName the sweep's name when the file gives none
   */
  static SweepDefinition parse(String json, String source, Path directory, String defaultName) {
    return new SweepFileReader(source, directory).definition(json, defaultName);
  }

  private SweepDefinition definition(String json, String defaultName) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw error("$", "expected a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw error("$." + field, "unknown field '" + field + "'; known fields: " + String.join(", ", FIELDS));
      }
    }
    String name = name(root.get("name"), defaultName);
    SweepDefinition.BaseConfig base = base(root.get("base"));
    List<ConfigOverride> set = overrides(root.get("set"), "$.set");
    Optional<SweepDefinition.RandomSearch> random = random(root.get("random"));
    List<Axis> axes = axes(root.get("axes"), random.isPresent());
    List<SweepDefinition.Conditional> when = when(root.get("when"), axes);
    List<Long> seeds = seeds(root.get("seeds"));
    SweepEvaluation evaluation = evaluation(root.get("eval"));
    String metric = metric(root.get("metric"), evaluation);
    return new SweepDefinition(name, source, base, set, axes, random, when, seeds, evaluation, metric);
  }

  private String name(JsonNode node, String fallback) {
    String name = node == null ? fallback : text(node, "$.name");
    if (!name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) {
      throw error("$.name", "must be letters, digits, '.', '_' or '-' (it names the sweep's directory), got '" + name + "'");
    }
    return name;
  }

  private SweepDefinition.BaseConfig base(JsonNode node) {
    if (node == null) {
      throw error("$.base", "required: the path of the base config (relative to this file) or the config itself");
    }
    if (node.isTextual()) {
      Path file = directory.resolve(node.asText()).normalize();
      try {
        return new SweepDefinition.BaseConfig(Files.readString(file), file.toString(), Optional.of(file));
      } catch (NoSuchFileException e) {
        throw error("$.base", file + ": no such file");
      } catch (IOException e) {
        throw error("$.base", file + ": cannot read: " + e.getMessage());
      }
    }
    if (node.isObject()) {
      return new SweepDefinition.BaseConfig(node.toString(), source + " $.base", Optional.empty());
    }
    throw error("$.base", "expected the path of a config file or a config object, got " + describe(node));
  }

  private List<ConfigOverride> overrides(JsonNode node, String path) {
    if (node == null) {
      return List.of();
    }
    ObjectNode object = object(node, path);
    List<ConfigOverride> overrides = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      overrides.add(override(field.getKey(), field.getValue(), path + "[\"" + field.getKey() + "\"]"));
    }
    return overrides;
  }

  private ConfigOverride override(String configPath, JsonNode value, String at) {
    try {
      return new ConfigOverride(configPath, value);
    } catch (ConfigException e) {
      throw error(at, "expected a config path of field names joined by '.', such as training.steps");
    }
  }

  private Optional<SweepDefinition.RandomSearch> random(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    ObjectNode object = object(node, "$.random");
    known(object, "$.random", List.of("draws", "seed"));
    JsonNode draws = object.get("draws");
    if (draws == null) {
      throw error("$.random.draws", "required: how many combinations to draw");
    }
    long count = integer(draws, "$.random.draws");
    if (count < 1 || count > 100_000) {
      throw error("$.random.draws", "must be between 1 and 100000, got " + count);
    }
    long seed = object.has("seed") ? integer(object.get("seed"), "$.random.seed") : 1;
    return Optional.of(new SweepDefinition.RandomSearch((int) count, seed));
  }

  private List<Axis> axes(JsonNode node, boolean random) {
    if (node == null) {
      return List.of();
    }
    ObjectNode object = object(node, "$.axes");
    List<Axis> axes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String at = "$.axes[\"" + field.getKey() + "\"]";
      override(field.getKey(), field.getValue(), at); // checks the path's form
      JsonNode spec = field.getValue();
      if (spec.isArray()) {
        if (spec.isEmpty()) {
          throw error(at, "the axis has no values; list at least one");
        }
        List<JsonNode> values = new ArrayList<>();
        Set<JsonNode> seen = new HashSet<>();
        spec.forEach(value -> {
          if (!seen.add(value)) {
            throw error(at, "the value " + display(value) + " is listed twice");
          }
          values.add(value);
        });
        axes.add(new Axis.Values(field.getKey(), values));
      } else if (spec.isObject()) {
        if (!random) {
          throw error(at, "a range is drawn from in a random search only (add \"random\": {\"draws\": N}); "
              + "a grid axis lists its values");
        }
        axes.add(range(field.getKey(), (ObjectNode) spec, at));
      } else {
        throw error(at, "expected a list of values or a range such as {\"logUniform\": [1e-5, 1e-3]}, got "
            + describe(spec));
      }
    }
    return axes;
  }

  private Axis.Range range(String configPath, ObjectNode spec, String at) {
    List<String> kinds = new ArrayList<>();
    for (Axis.Distribution distribution : Axis.Distribution.values()) {
      kinds.add(distribution.jsonName());
    }
    if (spec.size() != 1) {
      throw error(at, "expected one range, one of " + String.join(", ", kinds) + ", such as {\"logUniform\": [1e-5, 1e-3]}");
    }
    Map.Entry<String, JsonNode> entry = spec.fields().next();
    Axis.Distribution distribution = null;
    for (Axis.Distribution candidate : Axis.Distribution.values()) {
      if (candidate.jsonName().equals(entry.getKey())) {
        distribution = candidate;
      }
    }
    String rangeAt = at + "." + entry.getKey();
    if (distribution == null) {
      throw error(at + "." + entry.getKey(), "unknown range '" + entry.getKey() + "'; known: " + String.join(", ", kinds));
    }
    JsonNode bounds = entry.getValue();
    if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber() || !bounds.get(1).isNumber()) {
      throw error(rangeAt, "expected [low, high], two numbers");
    }
    double low = bounds.get(0).asDouble();
    double high = bounds.get(1).asDouble();
    if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw error(rangeAt, "low must be below high, got [" + bounds.get(0) + ", " + bounds.get(1) + "]");
    }
    if (distribution == Axis.Distribution.LOG_UNIFORM && low <= 0) {
      throw error(rangeAt, "a log-uniform range must be above 0, got low " + bounds.get(0));
    }
    if (distribution == Axis.Distribution.INTEGER
        && (!bounds.get(0).isIntegralNumber() || !bounds.get(1).isIntegralNumber())) {
      throw error(rangeAt, "expected two integers");
    }
    return new Axis.Range(configPath, distribution, low, high);
  }

  private List<SweepDefinition.Conditional> when(JsonNode node, List<Axis> axes) {
    if (node == null) {
      return List.of();
    }
    ObjectNode object = object(node, "$.when");
    List<SweepDefinition.Conditional> conditionals = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String at = "$.when[\"" + field.getKey() + "\"]";
      ConfigOverride condition;
      try {
        condition = ConfigOverride.parse(field.getKey());
      } catch (ConfigException e) {
        throw error(at, "expected AXIS=VALUE, such as model.loss=wasserstein");
      }
      Axis axis = axes.stream().filter(candidate -> candidate.path().equals(condition.path())).findFirst()
          .orElseThrow(() -> error(at, condition.path() + " is not an axis of this sweep; axes: "
              + String.join(", ", axes.stream().map(Axis::path).toList())));
      if (!(axis instanceof Axis.Values values)) {
        throw error(at, "axis " + axis.path() + " is a range; conditions go with axes that list their values");
      }
      if (!values.values().contains(condition.value())) {
        throw error(at, display(condition.value()) + " is not a value of axis " + axis.path() + "; its values: "
            + String.join(", ", values.values().stream().map(SweepFileReader::display).toList()));
      }
      conditionals.add(new SweepDefinition.Conditional(axis.path(), condition.value(), overrides(field.getValue(), at)));
    }
    return conditionals;
  }

  private List<Long> seeds(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw error("$.seeds", "expected a list of at least one integer, got " + describe(node));
    }
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      long seed = integer(node.get(i), "$.seeds[" + i + "]");
      if (seeds.contains(seed)) {
        throw error("$.seeds[" + i + "]", "seed " + seed + " is listed twice");
      }
      seeds.add(seed);
    }
    return seeds;
  }

  private SweepEvaluation evaluation(JsonNode node) {
    if (node == null) {
      return SweepEvaluation.DEFAULT;
    }
    if (node.isBoolean()) {
      return SweepEvaluation.DEFAULT.withEnabled(node.asBoolean());
    }
    ObjectNode merged = MAPPER.valueToTree(SweepEvaluation.DEFAULT);
    ObjectNode given = object(node, "$.eval");
    given.fields().forEachRemaining(field -> {
      if (field.getKey().equals("featureNetwork") && field.getValue().isObject()) {
        ((ObjectNode) merged.get("featureNetwork")).setAll((ObjectNode) field.getValue());
      } else {
        merged.set(field.getKey(), field.getValue());
      }
    });
    try {
      return MAPPER.treeToValue(merged, SweepEvaluation.class);
    } catch (UnrecognizedPropertyException e) {
      Set<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      throw error("$.eval" + path(e), "unknown field '" + e.getPropertyName() + "'; known fields: " + String.join(", ", known));
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidConfigException invalid) {
        throw error("$.eval" + path(e) + "." + invalid.field(), invalid.problem());
      }
      throw error("$.eval" + path(e), e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage());
    } catch (JsonMappingException e) {
      throw error("$.eval" + path(e), "expected " + expected(e) + ", got " + describe(nodeAt(merged, e)));
    } catch (JsonProcessingException e) {
      throw error("$.eval", e.getOriginalMessage());
    }
  }

  private String metric(JsonNode node, SweepEvaluation evaluation) {
    if (node == null) {
      return evaluation.enabled() ? SummaryMetric.FID.id() : SummaryMetric.TRAINING_SECONDS.id();
    }
    String metric = text(node, "$.metric");
    if (SummaryMetric.known(metric).isEmpty() && !SummaryMetric.isHeldOut(metric)) {
      throw error("$.metric", "unknown metric '" + metric + "'; known: "
          + String.join(", ", SummaryMetric.KNOWN.stream().map(SummaryMetric::id).toList())
          + ", or a held-out score a model logs, named '<split> <score>' such as 'mnist-test negative_elbo'");
    }
    return metric;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : e.getPath()) {
      node = node == null || reference.getFieldName() == null ? null : node.get(reference.getFieldName());
    }
    return node;
  }

  private static String expected(JsonMappingException e) {
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> type = mismatch.getTargetType();
      if (type == int.class || type == long.class) {
        return "an integer";
      }
      if (type == float.class || type == double.class) {
        return "a number";
      }
      if (type == boolean.class) {
        return "true or false";
      }
      if (type.isRecord()) {
        return "an object";
      }
    }
    return "another value";
  }

  private ObjectNode object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw error(path, "expected an object, got " + describe(node));
    }
    return (ObjectNode) node;
  }

  private void known(ObjectNode node, String path, List<String> fields) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!fields.contains(field)) {
        throw error(path + "." + field, "unknown field '" + field + "'; known fields: " + String.join(", ", fields));
      }
    }
  }

  private String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw error(path, "expected a string, got " + describe(node));
    }
    return node.asText();
  }

  private long integer(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw error(path, "expected an integer, got " + describe(node));
    }
    return node.asLong();
  }

  private ConfigException error(String path, String message) {
    return new ConfigException(source + ": " + path + ": " + message);
  }

  /** A value as a message shows it: strings bare, everything else as compact JSON. */
  static String display(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "the string \"" + node.asText() + "\"";
    }
    if (node.isIntegralNumber()) {
      return "the integer " + node.asText();
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    return node.isArray() ? "an array" : "an object";
  }
}
