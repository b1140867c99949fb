package io.gen4j.data.download;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.InvalidConfigException;

/**
 * {@code "data": {"type": "fashion-mnist", "mirror": ...}}: the fields of a named dataset.
 *
 * @param mirror a base URL serving the dataset's files as {@code MIRROR/NAME/FILE}, or {@code null} for
 *     {@code GEN4J_MIRROR} or else the official site
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamedDatasetConfig(
    @JsonPropertyDescription("A base URL serving the dataset's files as MIRROR/NAME/FILE; null for the official"
        + " URLs (or GEN4J_MIRROR).")
    String mirror) implements DatasetConfig {

  /** The defaults: no mirror of its own. */
  public static final NamedDatasetConfig DEFAULT = new NamedDatasetConfig(null);

  public NamedDatasetConfig {
    if (mirror != null && !mirror.matches("https?://\\S+")) {
      throw new InvalidConfigException("mirror", "expected an http:// or https:// base URL, got '" + mirror + "'");
    }
  }
}
