package io.gen4j.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.data.MnistConfig;
import io.gen4j.data.MnistProvider;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ModelProvider;
import io.gen4j.testing.TinyGanProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  @Test
  void providerRegisteredOnlyInTestResourcesIsDiscoveredAndSelectable() {
    Gen4j gen4j = Gen4j.create();
    assertThat(gen4j.catalog().models()).containsKey("tiny-gan");
    assertThat(gen4j.catalog().trainers()).containsKey("adversarial");
    ExperimentConfig config = gen4j.configLoader().parse("{\"model\": {\"type\": \"tiny-gan\", \"hidden\": 5}}", "t.json");
    assertThat(config.model()).isEqualTo(new TinyGanProvider.Config(8, 5, -1));
    assertThat(gen4j.catalog().createModel(config).latentSize()).isEqualTo(8);
    assertThat(gen4j.catalog().trainerFor(gen4j.catalog().createModel(config)).name()).isEqualTo("adversarial");
  }

  @Test
  void twoProvidersOfOneNameAreRefusedNamingBoth(@TempDir Path directory) throws Exception {
    try (URLClassLoader loader = loaderListing(directory, DuplicateTinyGan.class)) {
      assertThatThrownBy(() -> PluginDiscovery.models(loader))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("two ModelProviders are named 'tiny-gan': ")
          .hasMessageContaining(TinyGanProvider.class.getName())
          .hasMessageContaining(DuplicateTinyGan.class.getName());
    }
  }

  @Test
  void twoDatasetProvidersOfOneNameAreRefusedNamingBoth(@TempDir Path directory) throws Exception {
    try (URLClassLoader loader = loaderListing(directory, DatasetProvider.class, DuplicateMnist.class)) {
      assertThatThrownBy(() -> PluginDiscovery.datasets(loader))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("two DatasetProviders are named 'mnist': ")
          .hasMessageContaining(MnistProvider.class.getName())
          .hasMessageContaining(DuplicateMnist.class.getName() + " (" + directory.toUri());
    }
  }

  @Test
  void providerOfAnotherSpiVersionIsRefusedWithASentence(@TempDir Path directory) throws Exception {
    try (URLClassLoader loader = loaderListing(directory, FutureProvider.class)) {
      assertThatThrownBy(() -> PluginDiscovery.models(loader))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining(FutureProvider.class.getName())
          .hasMessageContaining("was built for gen4j SPI version 99, but this gen4j has SPI version 1");
    }
  }

  private static URLClassLoader loaderListing(Path directory, Class<?> provider) throws Exception {
    return loaderListing(directory, ModelProvider.class, provider);
  }

  private static URLClassLoader loaderListing(Path directory, Class<?> service, Class<?> provider) throws Exception {
    Path services = directory.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(service.getName()), provider.getName() + "\n");
    return new URLClassLoader(new URL[] {directory.toUri().toURL()}, PluginDiscoveryTest.class.getClassLoader());
  }

  /** Another provider claiming the tiny GAN's name. */
  public static final class DuplicateTinyGan extends DelegatingProvider {
    public DuplicateTinyGan() {
      super("tiny-gan", io.gen4j.spi.SpiVersion.CURRENT);
    }
  }

  /** A dataset type claiming the bundled MNIST's name. */
  public static final class DuplicateMnist implements DatasetProvider<MnistConfig> {
    private final MnistProvider delegate = new MnistProvider();

    @Override
    public String name() {
      return MnistProvider.NAME;
    }

    @Override
    public String description() {
      return "another MNIST";
    }

    @Override
    public Class<MnistConfig> configClass() {
      return MnistConfig.class;
    }

    @Override
    public MnistConfig defaultConfig() {
      return delegate.defaultConfig();
    }

    @Override
    public DatasetSplits open(MnistConfig config, DatasetContext context) {
      return delegate.open(config, context);
    }
  }

  /** A provider built for a later SPI. */
  public static final class FutureProvider extends DelegatingProvider {
    public FutureProvider() {
      super("future", 99);
    }
  }

  /** The tiny GAN under another name and SPI version. */
  abstract static class DelegatingProvider implements ModelProvider<TinyGanProvider.Config> {
    private final TinyGanProvider delegate = new TinyGanProvider();
    private final String name;
    private final int version;

    DelegatingProvider(String name, int version) {
      this.name = name;
      this.version = version;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return delegate.description();
    }

    @Override
    public Class<TinyGanProvider.Config> configClass() {
      return delegate.configClass();
    }

    @Override
    public TinyGanProvider.Config defaultConfig() {
      return delegate.defaultConfig();
    }

    @Override
    public java.util.Map<String, io.gen4j.config.OptimizerConfig> defaultOptimizers(TinyGanProvider.Config config) {
      return delegate.defaultOptimizers(config);
    }

    @Override
    public io.gen4j.spi.GenerativeModel create(TinyGanProvider.Config config) {
      return delegate.create(config);
    }

    @Override
    public int spiVersion() {
      return version;
    }
  }
}
