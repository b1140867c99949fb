package io.gen4j.spi;

import io.gen4j.config.OptimizerConfig;
import java.util.Map;

/**
 * A model type that experiments select by name ({@code "model": {"type": "gan"}}). Providers are
 * discovered with {@link java.util.ServiceLoader}: list the implementation in {@code
 * META-INF/services/io.gen4j.spi.ModelProvider}. Keep it cheap to construct; the work happens in
 * {@link GenerativeModel#build}.
 *
 * @param <C> the record holding this model's config fields
 */
public interface ModelProvider<C extends ModelConfig> {

  /** The {@code model.type} that selects this provider; lower case, words joined by '-'. */
  String name();

  /** One line for {@code gen4j models}. */
  String description();

  /** The record Jackson deserializes {@code model}'s fields into. */
  Class<C> configClass();

  /** The config with every field at its documented default; an experiment's fields override these. */
  C defaultConfig();

  /**
   * The optimizer each network of a model with this config trains with unless the experiment's {@code
   * training.optimizers} overrides it, keyed by network name. The keys are also the names {@code
   * training.optimizers} accepts.
   */
  Map<String, OptimizerConfig> defaultOptimizers(C config);

  /** Creates a model for a validated config; builds nothing yet. */
  GenerativeModel create(C config);

  /**
   * The plugin API this provider was built against: implement it as {@code return SpiVersion.CURRENT;}.
   * The compiler copies the constant's value into the provider's class, so gen4j can refuse, with a
   * sentence, a plugin built for an API it does not have (see {@link SpiVersion}).
   */
  String spiVersion();
}
