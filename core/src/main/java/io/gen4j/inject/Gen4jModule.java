package io.gen4j.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.gen4j.config.ConfigLoader;
import io.gen4j.data.DatasetProgress;
import io.gen4j.data.Gen4jDirectories;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.TrainerProvider;
import java.util.Map;

/**
 * Binds the usable providers of a discovery (models, trainers, datasets) into {@code Map<String, ...>}
 * bindings, the discovery itself (for the jars providers came from), and the {@link DatasetContext} of
 * this process (directories from {@link Gen4jDirectories}, progress from {@link
 * DatasetProgress#automatic()}). Plugins never write Guice code.
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
    MapBinder<String, DatasetProvider<?>> datasets =
        MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<DatasetProvider<?>>() {});
    plugins.datasets().forEach((name, found) -> datasets.addBinding(name).toInstance(found.provider()));
  }

  @Provides
  @Singleton
  ConfigLoader configLoader(Map<String, ModelProvider<?>> models, Map<String, DatasetProvider<?>> datasets) {
    return new ConfigLoader(models, datasets);
  }

  @Provides
  @Singleton
  DatasetContext datasetContext() {
    return new DatasetContext(
        Gen4jDirectories.home().resolve(Gen4jDirectories.DATASETS),
        Gen4jDirectories.cache().resolve(Gen4jDirectories.DATASETS),
        Gen4jDirectories.mirror(),
        DatasetProgress.automatic());
  }
}
