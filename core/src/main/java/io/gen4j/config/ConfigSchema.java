package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema (draft 2020-12) of experiment configs, generated from the config records with <a
 * href="https://github.com/victools/jsonschema-generator">victools jsonschema-generator</a>: what {@code
 * gen4j config schema} writes, so that editors complete and check configs. Every field has its
 * description (from {@code @JsonPropertyDescription}), its default (from the record's {@code DEFAULT}
 * instance, a provider's default config, or a {@code DEFAULT_<FIELD>} constant; none for a field marked
 * {@code @NotNull}, which is required) and its range (from the
 * Jakarta constraint annotations, which document the checks the records' constructors make). Types
 * chosen by name are described per type: optimizers and learning-rate schedules from their Jackson
 * subtypes, and every {@linkplain ConfigLoader#typedSections() section whose types plugins register}
 * (every discovered model type) with an {@code if}/{@code then} per type.
 */
public final class ConfigSchema {

  /** The schema dialect. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** The file name the shipped configs refer to in their {@code $schema}. */
  public static final String FILE_NAME = "gen4j-config.schema.json";

  private static final String DEFINITIONS = "$defs";

  /** The older name of a shared-fields section's {@code type} ({@code data.dataset}). */
  private static final String LEGACY_TYPE_FIELD = "dataset";
  private static final String REFERENCE_PREFIX = "#/" + DEFINITIONS + "/";

  private final ConfigLoader loader;
  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final Map<Class<?>, Object> defaults = new HashMap<>();

  private ConfigSchema(ConfigLoader loader) {
    this.loader = requireNonNull(loader, "loader is null");
  }

  /** The schema of configs that {@code loader} reads: its model types included. */
  public static ObjectNode generate(ConfigLoader loader) {
    return new ConfigSchema(loader).build();
  }

  /** The schema as indented JSON text, ending with a line break. */
  public static String toJson(ObjectNode schema) {
    try {
      return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(schema)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the schema", e);
    }
  }

  private ObjectNode build() {
    List<TypedSection> sections = loader.typedSections();
    for (TypedSection section : sections) {
      section.variants().values().forEach(variant -> defaults.putIfAbsent(variant.configClass(), variant.defaults()));
    }
    SchemaGenerator generator = new SchemaGenerator(configuration().build());
    SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
    Map<String, ObjectNode> sectionReferences = new LinkedHashMap<>();
    sectionReferences.put("training", builder.createSchemaReference(TrainingConfig.class));
    sectionReferences.put("output", builder.createSchemaReference(OutputConfig.class));
    Map<TypedSection, Map<String, ObjectNode>> variantReferences = new LinkedHashMap<>();
    Map<TypedSection, ObjectNode> sharedReferences = new LinkedHashMap<>();
    for (TypedSection section : sections) {
      section.shared().ifPresent(shared -> sharedReferences.put(section, builder.createSchemaReference(shared)));
      Map<String, ObjectNode> references = new LinkedHashMap<>();
      section.variants().forEach((type, variant) -> references.put(type, builder.createSchemaReference(variant.configClass())));
      variantReferences.put(section, references);
    }
    ObjectNode definitions = builder.collectDefinitions(DEFINITIONS);

    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", DIALECT);
    root.put("title", "gen4j experiment config");
    root.put("description", "One experiment: the model to train and how. Every field but model.type has a default,"
        + " so a config names only what it changes. Generated by gen4j config schema.");
    root.put("type", "object");
    ObjectNode properties = root.putObject("properties");
    properties.putObject(ConfigLoader.SCHEMA_FIELD).put("type", "string")
        .put("description", "The JSON Schema this file follows (for editors); gen4j ignores it.");
    properties.putObject("name").put("type", "string").put("pattern", "^[A-Za-z0-9._-]+$")
        .put("maxLength", ExperimentConfig.MAX_NAME_LENGTH)
        .put("default", ExperimentConfig.DEFAULT_NAME)
        .put("description", "Names the run directory: letters, digits, '.', '_' and '-', at most "
            + ExperimentConfig.MAX_NAME_LENGTH + " characters.");
    properties.putObject("seed").put("type", "integer").put("default", ExperimentConfig.DEFAULT_SEED)
        .put("description", "Seeds initial weights, data order and noise: the same config and seed give the same run.");
    for (TypedSection section : sections) {
      properties.set(section.name(), typedSection(section, variantReferences.get(section),
          Optional.ofNullable(sharedReferences.get(section)).map(reference -> definitionOf(reference, definitions)),
          definitions));
    }
    sectionReferences.forEach((name, reference) -> {
      ObjectNode section = properties.putObject(name);
      section.setAll(reference);
      section.put("description", definitionOf(reference, definitions).path("description").asText());
      section.putObject("default");
    });
    ArrayNode required = root.putArray("required");
    sections.stream().filter(section -> section.shared().isEmpty()).forEach(section -> required.add(section.name()));
    root.put("additionalProperties", false);
    root.set(DEFINITIONS, definitions);
    inlineSubtypes(definitions);
    removeUnreferenced(definitions, root);
    dropNumberSuffixes(definitions, root);
    // one tree of plain JSON nodes (defaults arrive as embedded values) in a stable order
    return sorted(mapper.valueToTree(root));
  }

  private SchemaGeneratorConfigBuilder configuration() {
    SchemaGeneratorConfigBuilder configuration =
        new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
            .with(new JakartaValidationModule(
                JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED, JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    configuration.forFields().withDefaultResolver(field -> defaultOf(field).orElse(null));
    configuration.forFields().withNullableCheck(field -> defaultOf(field).map(JsonNode::isNull).orElse(false));
    configuration.forTypesInGeneral().withDefinitionNamingStrategy(
        new com.github.victools.jsonschema.generator.naming.DefaultSchemaDefinitionNamingStrategy() {
          @Override
          public String getDefinitionNameForKey(
              com.github.victools.jsonschema.generator.impl.DefinitionKey key,
              com.github.victools.jsonschema.generator.SchemaGenerationContext context) {
            ResolvedType type = key.getType();
            if (Map.class.isAssignableFrom(type.getErasedType()) && type.getTypeParameters().size() == 2) {
              return definitionName(type.getTypeParameters().get(1).getErasedType()) + "-by-name";
            }
            return definitionName(type.getErasedType());
          }
        });
    return configuration;
  }

  /** A class's definition name: its name without {@code io.gen4j.}, nested classes joined by '.'. */
  private static String definitionName(Class<?> type) {
    return type.getName().replaceFirst("^io\\.gen4j\\.", "").replace('$', '.');
  }

  /**
   * The default of a record's field: from the record's default instance (its {@code DEFAULT} constant,
   * or a provider's default config), else from a {@code DEFAULT_<FIELD>} constant; empty when it has
   * none (a required field).
   */
  private Optional<JsonNode> defaultOf(FieldScope field) {
    if (field.isFakeContainerItemScope()
        || field.getAnnotationConsideringFieldAndGetter(jakarta.validation.constraints.NotNull.class) != null) {
      // a required field (a dataset's file) has no default
      return Optional.empty();
    }
    Class<?> type = field.getDeclaringType().getErasedType();
    String name = field.getDeclaredName();
    Optional<Object> instance = defaultInstance(type);
    if (instance.isPresent()) {
      try {
        Method accessor = type.getMethod(name);
        Object value = accessor.invoke(instance.get());
        return Optional.of(value == null ? NullNode.getInstance() : loader.tree(value));
      } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read the default of " + type.getName() + "." + name, e);
      }
    }
    return constant(type, "DEFAULT_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT))
        .map(loader::tree);
  }

  private Optional<Object> defaultInstance(Class<?> type) {
    if (!defaults.containsKey(type)) {
      defaults.put(type, constant(type, "DEFAULT").filter(type::isInstance).orElse(null));
    }
    return Optional.ofNullable(defaults.get(type));
  }

  private static Optional<Object> constant(Class<?> type, String name) {
    try {
      Field field = type.getField(name);
      if (!Modifier.isStatic(field.getModifiers())) {
        return Optional.empty();
      }
      return Optional.ofNullable(field.get(null));
    } catch (NoSuchFieldException e) {
      return Optional.empty();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
    }
  }

  /**
   * A section chosen by {@code type}: the type names as an enum, and per type an {@code if}/{@code then}
   * applying a definition of its own with the type's defaults (model types that share a record, such
   * as {@code gan} and {@code wgan}, differ in defaults). A section with shared fields ({@code data})
   * has a default type, and each type's definition lists the shared fields beside its own.
   */
  private ObjectNode typedSection(
      TypedSection section, Map<String, ObjectNode> references, Optional<ObjectNode> shared, ObjectNode definitions) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", "object");
    node.put("description", section.description());
    ObjectNode sectionProperties = node.putObject("properties");
    ObjectNode typeProperty = sectionProperties.putObject("type");
    typeProperty.put("description", "The " + section.name() + " type; each has fields of its own.");
    ArrayNode names = typeProperty.putArray("enum");
    if (shared.isPresent()) {
      JsonNode sharedType = shared.get().path("properties").path("type");
      typeProperty.set("default", sharedType.path("default"));
      // the older name of data.type, still read
      ObjectNode legacy = sectionProperties.putObject(LEGACY_TYPE_FIELD);
      legacy.put("description", "The older name of type; give one of them.");
      legacy.set("enum", names);
      node.putObject("default");
    } else {
      node.putArray("required").add("type");
    }
    ArrayNode conditions = node.putArray("allOf");
    for (Map.Entry<String, TypedSection.Variant> entry : section.variants().entrySet()) {
      String type = entry.getKey();
      names.add(type);
      ObjectNode own = definitionOf(references.get(type), definitions).deepCopy();
      own.put("description", entry.getValue().description());
      ObjectNode ownProperties = own.has("properties") ? (ObjectNode) own.get("properties") : own.putObject("properties");
      shared.ifPresent(fields -> {
        fields.path("properties").properties().forEach(property -> {
          if (!property.getKey().equals("type") && !ownProperties.has(property.getKey())) {
            ownProperties.set(property.getKey(), property.getValue().deepCopy());
          }
        });
      });
      JsonNode defaultTree = loader.tree(entry.getValue().defaults());
      java.util.Set<String> required = new java.util.HashSet<>();
      own.path("required").forEach(name -> required.add(name.asText()));
      ownProperties.properties().forEach(property -> {
        JsonNode value = defaultTree.get(property.getKey());
        if (value != null && !required.contains(property.getKey()) && property.getValue() instanceof ObjectNode propertyNode) {
          propertyNode.set("default", value);
        }
      });
      ownProperties.putObject("type").put("const", type);
      String definitionName = section.name() + "." + type;
      definitions.set(definitionName, own);
      ObjectNode condition = conditions.addObject();
      ObjectNode when = condition.putObject("if");
      when.putObject("properties").putObject("type").put("const", type);
      when.putArray("required").add("type");
      condition.putObject("then").put("$ref", REFERENCE_PREFIX + definitionName);
      if (shared.isPresent() && type.equals(typeProperty.path("default").asText())) {
        // a section without a type is one of the default type
        ObjectNode untyped = conditions.addObject();
        ArrayNode named = untyped.putObject("if").putObject("not").putArray("anyOf");
        named.addObject().putArray("required").add("type");
        named.addObject().putArray("required").add(LEGACY_TYPE_FIELD);
        untyped.putObject("then").put("$ref", REFERENCE_PREFIX + definitionName);
      }
    }
    return node;
  }

  private static ObjectNode definitionOf(ObjectNode reference, ObjectNode definitions) {
    JsonNode target = reference.get("$ref");
    if (target == null || !target.asText().startsWith(REFERENCE_PREFIX)) {
      return reference;
    }
    return (ObjectNode) definitions.get(target.asText().substring(REFERENCE_PREFIX.length()));
  }

  /**
   * Merges each subtype's {@code type} property into the subtype's own definition. The generator
   * writes a subtype chosen by name as {@code {"$ref": <its fields>, "properties": {"type": ...}}}, but
   * the referenced definition forbids properties it does not list, {@code type} among them; merged, one
   * definition lists them all. An optimizer's {@code type} may be left out (the network's default
   * optimizer), so it is required only for the other base types.
   */
  private static void inlineSubtypes(ObjectNode definitions) {
    List<String> names = new ArrayList<>();
    definitions.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      ObjectNode definition = (ObjectNode) definitions.get(name);
      JsonNode reference = definition.get("$ref");
      JsonNode typeProperty = definition.path("properties").path("type");
      if (reference == null || !typeProperty.has("const")) {
        continue;
      }
      ObjectNode fields = (ObjectNode) definitions.get(reference.asText().substring(REFERENCE_PREFIX.length()));
      ObjectNode merged = fields.deepCopy();
      ObjectNode properties = merged.has("properties") ? (ObjectNode) merged.get("properties") : merged.putObject("properties");
      properties.set("type", typeProperty);
      if (!name.startsWith(definitionName(OptimizerConfig.class) + ".")) {
        ArrayNode required = merged.has("required") ? (ArrayNode) merged.get("required") : merged.putArray("required");
        required.add("type");
      }
      definitions.set(name, merged);
    }
  }

  /**
   * Drops the definitions nothing refers to: those of the records shared by a typed section's variants,
   * which got definitions of their own.
   */
  private static void removeUnreferenced(ObjectNode definitions, ObjectNode root) {
    boolean removed = true;
    while (removed) {
      java.util.Set<String> referenced = new java.util.HashSet<>();
      collectReferences(root, referenced);
      List<String> unused = new ArrayList<>();
      definitions.fieldNames().forEachRemaining(name -> {
        if (!referenced.contains(REFERENCE_PREFIX + name)) {
          unused.add(name);
        }
      });
      unused.forEach(definitions::remove);
      removed = !unused.isEmpty();
    }
  }

  /**
   * Renames definitions the generator numbered ({@code config.OptimizerConfig.Adam-2}) to their plain
   * names where no other definition has that name, and every reference with them.
   */
  private static void dropNumberSuffixes(ObjectNode definitions, ObjectNode root) {
    Map<String, String> renamed = new HashMap<>();
    List<String> names = new ArrayList<>();
    definitions.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String plain = name.replaceFirst("-\\d+$", "");
      if (!plain.equals(name) && !definitions.has(plain)
          && names.stream().filter(other -> other.replaceFirst("-\\d+$", "").equals(plain)).count() == 1) {
        definitions.set(plain, definitions.remove(name));
        renamed.put(REFERENCE_PREFIX + name, REFERENCE_PREFIX + plain);
      }
    }
    rewriteReferences(root, renamed);
  }

  private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
    if (node instanceof ObjectNode object) {
      JsonNode reference = object.get("$ref");
      if (reference != null && renamed.containsKey(reference.asText())) {
        object.put("$ref", renamed.get(reference.asText()));
      }
    }
    node.elements().forEachRemaining(child -> rewriteReferences(child, renamed));
  }

  private static void collectReferences(JsonNode node, java.util.Set<String> references) {
    if (node.isObject()) {
      JsonNode reference = node.get("$ref");
      if (reference != null && reference.isTextual()) {
        references.add(reference.asText());
      }
    }
    node.elements().forEachRemaining(child -> collectReferences(child, references));
  }

  /** The tree with the definitions in name order, the rest in the order built. */
  private ObjectNode sorted(ObjectNode root) {
    ObjectNode definitions = (ObjectNode) root.remove(DEFINITIONS);
    List<String> names = new ArrayList<>();
    definitions.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    ObjectNode ordered = root.putObject(DEFINITIONS);
    for (Iterator<String> name = names.iterator(); name.hasNext(); ) {
      String next = name.next();
      ordered.set(next, definitions.get(next));
    }
    return root;
  }
}
