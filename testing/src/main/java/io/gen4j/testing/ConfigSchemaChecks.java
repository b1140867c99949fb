package io.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.spi.InvalidConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of a config's JSON Schema against its records: every field described and defaulted, and every
 * range the schema states enforced by the record's constructor (so the annotations the schema is made
 * from cannot drift from the checks).
 */
public final class ConfigSchemaChecks {

  private ConfigSchemaChecks() {}

  /**
   * The properties of an object schema (a definition, or the root) that lack a description, or a
   * default while not required, as {@code "<where>.<field>: <what is missing>"}; {@code type} consts
   * excepted.
   */
  public static List<String> undocumented(String where, JsonNode objectSchema) {
    List<String> problems = new ArrayList<>();
    Set<String> required = new TreeSet<>();
    objectSchema.path("required").forEach(name -> required.add(name.asText()));
    for (Map.Entry<String, JsonNode> property : objectSchema.path("properties").properties()) {
      JsonNode field = property.getValue();
      if (field.has("const") || property.getKey().equals("$schema")) {
        continue;
      }
      if (!field.hasNonNull("description") || field.get("description").asText().isBlank()) {
        problems.add(where + "." + property.getKey() + ": no description");
      }
      if (!field.has("default") && !required.contains(property.getKey())) {
        problems.add(where + "." + property.getKey() + ": no default and not required");
      }
    }
    return problems;
  }

  /** {@link #undocumented(String, JsonNode)} of the root and every object definition of a schema. */
  public static List<String> undocumented(ObjectNode schema) {
    List<String> problems = new ArrayList<>(undocumented("$", schema));
    for (Map.Entry<String, JsonNode> definition : schema.path("$defs").properties()) {
      if (definition.getValue().has("properties")) {
        problems.addAll(undocumented(definition.getKey(), definition.getValue()));
      }
    }
    return problems;
  }

  /**
   * For every numeric field of the record with a {@code minimum}, {@code exclusiveMinimum}, {@code
   * maximum} or {@code exclusiveMaximum} in its definition: the record's constructor, given the defaults
   * with just that field out of range, throws an {@link InvalidConfigException} naming the field.
   *
   * @return how many bounds were checked
   */
  public static int assertRangesEnforced(Record defaults, JsonNode definition) {
    int checked = 0;
    RecordComponent[] components = defaults.getClass().getRecordComponents();
    for (int index = 0; index < components.length; index++) {
      JsonNode field = definition.path("properties").path(components[index].getName());
      for (String bound : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
        if (field.has(bound)) {
          Object outside = outside(components[index].getType(), bound, field.get(bound).asDouble());
          String name = components[index].getName();
          Object[] values = values(defaults);
          values[index] = outside;
          assertThatThrownBy(() -> construct(defaults.getClass(), values))
              .as("%s.%s = %s (%s %s)", defaults.getClass().getSimpleName(), name, outside, bound, field.get(bound))
              .isInstanceOf(InvalidConfigException.class)
              .satisfies(thrown -> assertThat(((InvalidConfigException) thrown).field()).isEqualTo(name));
          checked++;
        }
      }
    }
    return checked;
  }

  private static Object outside(Class<?> type, String bound, double limit) {
    boolean below = bound.endsWith("inimum");
    boolean exclusive = bound.startsWith("exclusive");
    if (type == int.class || type == Integer.class) {
      return (int) (exclusive ? limit : below ? limit - 1 : limit + 1);
    }
    if (type == long.class || type == Long.class) {
      return (long) (exclusive ? limit : below ? limit - 1 : limit + 1);
    }
    double value = exclusive ? limit : below ? limit - 0.5 : limit + 0.5;
    if (type == float.class || type == Float.class) {
      return (float) value;
    }
    if (type == double.class || type == Double.class) {
      return value;
    }
    throw new AssertionError("a bound on a field of type " + type);
  }

  private static Object[] values(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int index = 0; index < components.length; index++) {
      try {
        values[index] = components[index].getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }

  private static Object construct(Class<?> type, Object[] values) throws Throwable {
    Class<?>[] parameters = java.util.Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getType).toArray(Class<?>[]::new);
    Constructor<?> constructor = type.getDeclaredConstructor(parameters);
    constructor.setAccessible(true);
    try {
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
