package io.gen4j.spi;

/**
 * The {@code model} section of an experiment config, less its {@code type}: one immutable record per
 * model type, deserialized by Jackson over the provider's {@link ModelProvider#defaultConfig()
 * defaults}, so an experiment names only what it changes. Validate fields in the record's compact
 * constructor and throw {@link InvalidConfigException} naming the field.
 */
public interface ModelConfig {}
