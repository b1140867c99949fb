package io.gen4j.inject;

import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.TrainerProvider;
import java.security.CodeSource;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Finds providers with {@link ServiceLoader}. Refuses, with a sentence naming both jars, two providers
 * of one name (Guice would report it late, by source line), and providers compiled against another SPI
 * version.
 */
public final class PluginDiscovery {

  private PluginDiscovery() {}

  /** Model providers visible to {@code loader}, by name. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Map<String, ModelProvider<?>> models(ClassLoader loader) {
    Map<String, ModelProvider> found = discover(ModelProvider.class, loader, ModelProvider::name, ModelProvider::spiVersion);
    return (Map<String, ModelProvider<?>>) (Map) found;
  }

  /** Dataset providers visible to {@code loader}, by {@code data.type}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Map<String, DatasetProvider<?>> datasets(ClassLoader loader) {
    Map<String, DatasetProvider> found =
        discover(DatasetProvider.class, loader, DatasetProvider::name, DatasetProvider::spiVersion);
    return (Map<String, DatasetProvider<?>>) (Map) found;
  }

  /** Trainer providers visible to {@code loader}, by name. */
  public static Map<String, TrainerProvider> trainers(ClassLoader loader) {
    return discover(TrainerProvider.class, loader, TrainerProvider::name, TrainerProvider::spiVersion);
  }

  private static <T> Map<String, T> discover(
      Class<T> service, ClassLoader loader, Function<T, String> name, ToIntFunction<T> version) {
    Map<String, T> found = new TreeMap<>();
    try {
      for (T provider : ServiceLoader.load(service, loader)) {
        int providerVersion = version.applyAsInt(provider);
        if (providerVersion != SpiVersion.CURRENT) {
          throw new PluginException(
              provider.getClass().getName() + " (" + location(provider) + ") was built for gen4j SPI version "
                  + providerVersion + ", but this gen4j has SPI version " + SpiVersion.CURRENT
                  + "; rebuild the plugin against this gen4j");
        }
        T previous = found.putIfAbsent(name.apply(provider), provider);
        if (previous != null) {
          throw new PluginException(
              "two " + service.getSimpleName() + "s are named '" + name.apply(provider) + "': "
                  + previous.getClass().getName() + " (" + location(previous) + ") and "
                  + provider.getClass().getName() + " (" + location(provider) + ")");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException("cannot load a " + service.getSimpleName() + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static String location(Object provider) {
    CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
  }
}
