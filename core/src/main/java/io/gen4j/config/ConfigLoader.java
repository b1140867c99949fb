package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.ModelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads experiment configs. Each section is deserialized over its complete defaults, so a file names
 * only what it changes. Every mistake is a {@link ConfigException} with one line naming the file, the
 * JSON path and what was expected: malformed JSON (line and column), a duplicate key, anything after
 * the root object, a document beyond the size limits ({@link #MAX_DOCUMENT_CHARACTERS} characters,
 * {@link #MAX_NESTING_DEPTH} levels, strings of {@link #MAX_STRING_LENGTH} and numbers of {@link
 * #MAX_NUMBER_LENGTH} characters), an unknown model type (listing the available ones), an unknown field
 * (listing the known ones), a value of the wrong type or out of range.
 */
public final class ConfigLoader {

  /** The longest config read, in characters (and in bytes, for a file): far above any real config. */
  public static final int MAX_DOCUMENT_CHARACTERS = 1 << 20;

  /** How deep objects and arrays may nest. */
  public static final int MAX_NESTING_DEPTH = 32;

  /** The longest string value (or key), in characters. */
  public static final int MAX_STRING_LENGTH = 4096;

  /** The longest number, in characters. */
  public static final int MAX_NUMBER_LENGTH = 64;

  private static final List<String> SECTIONS =
      List.of("name", "seed", "model", "data", "training", "output");

  private final Map<String, ModelProvider<?>> providers;
  private final ObjectMapper mapper;

  /**
   * @param providers the model providers by {@code model.type}
   */
  public ConfigLoader(Map<String, ModelProvider<?>> providers) {
    this.providers = Map.copyOf(requireNonNull(providers, "providers is null"));
    this.mapper = createMapper();
  }

  /**
   * The strict mapper configs are read with: no coercion of strings to numbers or floats to ints, no
   * duplicate keys, nothing after the root value, and the size limits of this class.
   */
  static ObjectMapper createMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(MAX_DOCUMENT_CHARACTERS)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    JsonMapper.Builder builder = JsonMapper.builder(factory);
    // A number or a boolean where a string belongs is a mistake, not "5" or "true".
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      builder.withCoercionConfig(LogicalType.Textual, config -> config.setCoercion(shape, CoercionAction.Fail));
    }
    return builder
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  /** Reads and validates a config file. */
  public ExperimentConfig load(Path file) {
    return load(file, List.of());
  }

  /**
   * Reads a config file, applies overrides to it in order, and validates the result as if the file
   * held the overridden values; an error caused by an override names it.
   */
  public ExperimentConfig load(Path file, List<ConfigOverride> overrides) {
    requireNonNull(file, "file is null");
    String json;
    try {
      if (Files.isDirectory(file)) {
        throw new ConfigException(file + ": is a directory; expected a JSON config file");
      }
      long size = Files.size(file);
      if (size > MAX_DOCUMENT_CHARACTERS) {
        throw new ConfigException(file + ": " + size + " bytes; a config has at most " + MAX_DOCUMENT_CHARACTERS);
      }
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ConfigException(file + ": not UTF-8 text; expected a JSON config file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(json, file.toString(), overrides);
  }

  /**
   * Parses and validates a config.
   *
   * @param json the config's text
   * @param source names the config in error messages, usually its file name
   */
  public ExperimentConfig parse(String json, String source) {
    return parse(json, source, List.of());
  }

  /**
   * Parses a config, applies overrides to it in order, and validates the result.
   *
   * @param json the config's text
   * @param source names the config in error messages, usually its file name
   * @param overrides changes applied before validation, e.g. from {@code --set}
   */
  public ExperimentConfig parse(String json, String source, List<ConfigOverride> overrides) {
    requireNonNull(json, "json is null");
    requireNonNull(source, "source is null");
    requireNonNull(overrides, "overrides is null");
    if (json.length() > MAX_DOCUMENT_CHARACTERS) {
      throw new ConfigException(
          source + ": " + json.length() + " characters; a config has at most " + MAX_DOCUMENT_CHARACTERS);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new ConfigException(source + ": " + limitExceeded(e) + where(e.getLocation()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": malformed JSON" + where(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new ConfigException(source + ": empty; expected a JSON object");
    }
    if (!overrides.isEmpty()) {
      if (!(root instanceof ObjectNode object)) {
        throw new ConfigException(source + ": $: expected a JSON object");
      }
      overrides.forEach(override -> override.applyTo(object, source));
    }
    return new Reading(source, overrides).experiment(root);
  }

  /** Which of the limits a document went past, in words. */
  private static String limitExceeded(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Document nesting depth")) {
      return "objects and arrays nested deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    if (message.startsWith("String value length")) {
      return "a string longer than " + MAX_STRING_LENGTH + " characters";
    }
    if (message.startsWith("Name length")) {
      return "a key longer than " + MAX_STRING_LENGTH + " characters";
    }
    if (message.startsWith("Number value length")) {
      return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    if (message.startsWith("Document length")) {
      return "longer than " + MAX_DOCUMENT_CHARACTERS + " characters";
    }
    return "beyond the limits of a config: " + firstLine(message);
  }

  /** " at line L, column C", or nothing when the parser gave no location. */
  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown problem";
    }
    return message.lines().findFirst().orElse(message).strip();
  }

  /** The config with every default filled in, as the JSON that {@link #parse} reads back to it. */
  public String toJson(ExperimentConfig config) {
    ObjectNode root = mapper.createObjectNode();
    root.put("name", config.name());
    root.put("seed", config.seed());
    ObjectNode model = root.putObject("model");
    model.put("type", config.modelType());
    model.setAll((ObjectNode) mapper.valueToTree(config.model()));
    root.set("data", mapper.valueToTree(config.data()));
    ObjectNode training = mapper.valueToTree(config.training());
    ObjectNode optimizers = training.putObject("optimizers");
    config.training().optimizers().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> optimizers.set(entry.getKey(), optimizerTree(entry.getValue())));
    root.set("training", training);
    root.set("output", mapper.valueToTree(config.output()));
    try {
      return mapper.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config", e);
    }
  }

  private ObjectNode optimizerTree(OptimizerConfig optimizer) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", optimizerType(optimizer));
    ObjectNode fields = mapper.valueToTree(optimizer);
    fields.remove("type");
    node.setAll(fields);
    return node;
  }

  private static String optimizerType(OptimizerConfig optimizer) {
    return optimizer instanceof OptimizerConfig.Adam ? "adam" : "rmsprop";
  }

  /** One parse of one source, so every error can name it. */
  private final class Reading {

    private final String source;
    private final List<ConfigOverride> overrides;

    Reading(String source, List<ConfigOverride> overrides) {
      this.source = source;
      this.overrides = List.copyOf(overrides);
    }

    ExperimentConfig experiment(JsonNode root) {
      if (!root.isObject()) {
        throw error("$", "expected a JSON object, got " + describe(root));
      }
      rejectUnknownFields(root, "$", SECTIONS);
      String name = text(root, "name", ExperimentConfig.DEFAULT_NAME);
      long seed = integer(root, "seed", ExperimentConfig.DEFAULT_SEED);
      JsonNode modelNode = root.get("model");
      if (modelNode == null) {
        throw error("$.model", "required: an object with a 'type'; available types: " + available());
      }
      if (!modelNode.isObject()) {
        throw error("$.model", "expected an object with a 'type', got " + describe(modelNode));
      }
      JsonNode typeNode = modelNode.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        throw error("$.model.type", "required: the model type; available types: " + available());
      }
      ModelProvider<?> provider = providers.get(typeNode.asText());
      if (provider == null) {
        throw error(
            "$.model.type",
            "unknown model type '" + typeNode.asText() + "'; available types: " + available());
      }
      ObjectNode modelFields = ((ObjectNode) modelNode).deepCopy();
      modelFields.remove("type");
      ModelConfig model = modelSection(modelFields, provider);
      DataConfig data = section(root.get("data"), DataConfig.DEFAULT, DataConfig.class, "$.data");
      TrainingConfig training = training(root.get("training"), provider, model);
      OutputConfig output = section(root.get("output"), OutputConfig.DEFAULT, OutputConfig.class, "$.output");
      try {
        return new ExperimentConfig(name, seed, provider.name(), model, data, training, output);
      } catch (InvalidConfigException e) {
        throw error("$." + e.field(), e.problem());
      }
    }

    private <C extends ModelConfig> C modelSection(ObjectNode fields, ModelProvider<C> provider) {
      return section(fields, provider.defaultConfig(), provider.configClass(), "$.model");
    }

    private TrainingConfig training(JsonNode node, ModelProvider<?> provider, ModelConfig model) {
      ObjectNode fields = node == null ? mapper.createObjectNode() : requireObject(node, "$.training").deepCopy();
      JsonNode optimizersNode = fields.remove("optimizers");
      TrainingConfig training = section(fields, TrainingConfig.DEFAULT, TrainingConfig.class, "$.training");
      Map<String, OptimizerConfig> defaults = defaultOptimizers(provider, model);
      Map<String, OptimizerConfig> resolved = new LinkedHashMap<>(defaults);
      if (optimizersNode != null) {
        requireObject(optimizersNode, "$.training.optimizers");
        Iterator<Map.Entry<String, JsonNode>> entries = optimizersNode.fields();
        while (entries.hasNext()) {
          Map.Entry<String, JsonNode> entry = entries.next();
          String path = "$.training.optimizers." + entry.getKey();
          OptimizerConfig base = defaults.get(entry.getKey());
          if (base == null) {
            throw error(
                path,
                "unknown network '" + entry.getKey() + "'; networks of model '" + provider.name()
                    + "': " + String.join(", ", new TreeSet<>(defaults.keySet())));
          }
          resolved.put(entry.getKey(), optimizer(requireObject(entry.getValue(), path), base, path));
        }
      }
      return training.withOptimizers(resolved);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, OptimizerConfig> defaultOptimizers(ModelProvider<?> provider, ModelConfig model) {
      return ((ModelProvider) provider).defaultOptimizers(model);
    }

    private OptimizerConfig optimizer(JsonNode node, OptimizerConfig base, String path) {
      JsonNode typeNode = node.get("type");
      OptimizerConfig start = base;
      if (typeNode != null) {
        OptimizerConfig ofType = typeNode.isTextual() ? OptimizerConfig.defaultsOf(typeNode.asText()) : null;
        if (ofType == null) {
          throw error(path + ".type", "unknown optimizer " + describe(typeNode) + "; expected one of adam, rmsprop");
        }
        if (!optimizerType(ofType).equals(optimizerType(base))) {
          start = ofType;
        }
      }
      return section(node, start, OptimizerConfig.class, path, optimizerTree(start));
    }

    private <T> T section(JsonNode node, T defaults, Class<T> type, String path) {
      return section(node, defaults, type, path, mapper.valueToTree(defaults));
    }

    private <T> T section(JsonNode node, T defaults, Class<T> type, String path, ObjectNode defaultTree) {
      if (node == null) {
        return defaults;
      }
      requireObject(node, path);
      ObjectNode merged = defaultTree.deepCopy();
      merge(merged, node);
      try {
        return mapper.treeToValue(merged, type);
      } catch (JsonMappingException e) {
        throw translate(e, path, merged);
      } catch (JsonProcessingException e) {
        throw error(path, firstLine(e.getOriginalMessage()));
      }
    }

    private ConfigException translate(JsonMappingException e, String path, JsonNode tree) {
      String at = path + pathOf(e.getPath());
      if (e instanceof UnrecognizedPropertyException unknown) {
        Set<String> known = new TreeSet<>();
        unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
        known.remove("type");
        return error(at, "unknown field '" + unknown.getPropertyName() + "'; known fields: " + String.join(", ", known));
      }
      if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidConfigException invalid) {
        return error(at + "." + invalid.field(), invalid.problem());
      }
      if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
        MismatchedInputException mismatch = (MismatchedInputException) e;
        JsonNode actual = nodeAt(tree, e.getPath());
        return error(at, "expected " + expected(mismatch.getTargetType()) + ", got " + describe(actual));
      }
      return error(at, firstLine(e.getOriginalMessage()));
    }

    private ObjectNode requireObject(JsonNode node, String path) {
      if (!node.isObject()) {
        throw error(path, "expected an object, got " + describe(node));
      }
      return (ObjectNode) node;
    }

    private void rejectUnknownFields(JsonNode node, String path, List<String> known) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(path + "." + name, "unknown field '" + name + "'; known fields: " + String.join(", ", known));
        }
      }
    }

    private String text(JsonNode root, String field, String fallback) {
      JsonNode node = root.get(field);
      if (node == null) {
        return fallback;
      }
      if (!node.isTextual()) {
        throw error("$." + field, "expected a string, got " + describe(node));
      }
      return node.asText();
    }

    private long integer(JsonNode root, String field, long fallback) {
      JsonNode node = root.get(field);
      if (node == null) {
        return fallback;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw error("$." + field, "expected an integer, got " + describe(node));
      }
      return node.asLong();
    }

    private String available() {
      return providers.values().stream()
          .map(ModelProvider::name)
          .sorted()
          .collect(Collectors.joining(", "));
    }

    private ConfigException error(String path, String message) {
      String cause = overrides.stream()
          .filter(override -> override.covers(path))
          .reduce((first, second) -> second)
          .map(override -> " (overridden: " + override + ")")
          .orElse("");
      return new ConfigException(source + ": " + path + ": " + message + cause);
    }
  }

  private static void merge(ObjectNode target, JsonNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        merge(existingObject, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> references) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : references) {
      if (node == null) {
        return null;
      }
      node = reference.getFieldName() != null ? node.get(reference.getFieldName()) : node.get(reference.getIndex());
    }
    return node;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(jsonName((Enum<?>) constant));
      }
      return "one of " + String.join(", ", names);
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a " + type.getSimpleName();
  }

  private static String jsonName(Enum<?> constant) {
    try {
      JsonProperty property =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property != null ? property.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      String text = node.asText();
      return "the string \"" + (text.length() <= 80 ? text : text.substring(0, 77) + "...") + "\"";
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
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }

}
