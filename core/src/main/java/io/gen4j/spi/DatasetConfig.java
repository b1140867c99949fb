package io.gen4j.spi;

/**
 * The fields of the {@code data} section that belong to one dataset type (everything but {@code type}
 * and the common {@code batchSize}, {@code limit}, {@code testFraction} and {@code splitSeed}): one
 * immutable record per dataset type, deserialized by Jackson over the provider's {@link
 * DatasetProvider#defaultConfig() defaults}. Validate fields in the record's compact constructor and
 * throw {@link InvalidConfigException} naming the field; a type without fields uses an empty record.
 */
public interface DatasetConfig {}
