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
 * Binds every discovered model, trainer and dataset provider into {@code Map<String, ...>} bindings, and
 * the {@link DatasetContext} of this process (directories from {@link Gen4jDirectories}, progress from
 * {@link DatasetProgress#automatic()}).
 */
public final class Gen4jModule extends AbstractModule {

  private final ClassLoader loader;

  /** @param loader where providers are looked for (with {@link java.util.ServiceLoader}) */
  public Gen4jModule(ClassLoader loader) {
    this.loader = requireNonNull(loader, "loader is null");
  }

  @Override
  protected void configure() {
    MapBinder<String, ModelProvider<?>> models =
        MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<ModelProvider<?>>() {});
    PluginDiscovery.models(loader).forEach((name, provider) -> models.addBinding(name).toInstance(provider));
    MapBinder<String, TrainerProvider> trainers =
        MapBinder.newMapBinder(binder(), String.class, TrainerProvider.class);
    PluginDiscovery.trainers(loader).forEach((name, provider) -> trainers.addBinding(name).toInstance(provider));
    MapBinder<String, DatasetProvider<?>> datasets =
        MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<DatasetProvider<?>>() {});
    PluginDiscovery.datasets(loader).forEach((name, provider) -> datasets.addBinding(name).toInstance(provider));
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
