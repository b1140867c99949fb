package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.gen4j.config.ConfigLoader;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.util.Map;

/**
 * Binds the usable providers of a discovery into {@code Map<String, ...>} bindings, and the discovery
 * itself (for the jars providers came from). Plugins never write Guice code.
 */
public final class Gen4jModule extends AbstractModule {

  private final Plugins plugins;

  /** @param plugins what discovery found; only its usable providers are bound */
  public Gen4jModule(Plugins plugins) {
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  @Override
  protected void configure() {
    bind(Plugins.class).toInstance(plugins);
    MapBinder<String, ModelProvider<?>> models =
        MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<ModelProvider<?>>() {});
    plugins.models().forEach((name, found) -> models.addBinding(name).toInstance(found.provider()));
    MapBinder<String, TrainerProvider> trainers = MapBinder.newMapBinder(binder(), String.class, TrainerProvider.class);
    plugins.trainers().forEach((name, found) -> trainers.addBinding(name).toInstance(found.provider()));
  }

  @Provides
  @Singleton
  ConfigLoader configLoader(Map<String, ModelProvider<?>> models) {
    return new ConfigLoader(models);
  }
}
