package io.gen4j.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A section of the config whose fields depend on its {@code type}, with one variant per type that the
 * discovered plugins register, such as {@code model} with a variant per model type. {@link ConfigSchema}
 * walks these to describe every type a plugin brings.
 *
 * @param name the section's field in the config's root, e.g. {@code model}
 * @param description what the section is, for the schema
 * @param variants each type's fields, by type name, in the order to list them
 * @param shared the record of the fields every type has besides its own (with {@code type} among them
 *     and a {@code DEFAULT} instance whose {@code type} is the section's default type), such as {@code
 *     data}'s batch size; empty for a section whose type is required and whose fields are all the type's
 */
public record TypedSection(String name, String description, Map<String, Variant> variants, Optional<Class<?>> shared) {

  public TypedSection {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    variants = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(variants, "variants is null")));
    requireNonNull(shared, "shared is null");
  }

  /**
   * One type of a section.
   *
   * @param description one line on the type, e.g. a provider's description
   * @param configClass the record its fields are read into (without {@code type})
   * @param defaults the record with every field at this type's default
   */
  public record Variant(String description, Class<?> configClass, Object defaults) {

    public Variant {
      requireNonNull(description, "description is null");
      requireNonNull(configClass, "configClass is null");
      requireNonNull(defaults, "defaults is null");
      if (!configClass.isInstance(defaults)) {
        throw new IllegalArgumentException("the defaults of " + configClass.getName() + " are a " + defaults.getClass().getName());
      }
    }
  }
}
