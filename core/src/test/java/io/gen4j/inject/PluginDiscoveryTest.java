package io.gen4j.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.Gen4j;
import io.gen4j.config.ExperimentConfig;
import io.gen4j.config.OptimizerConfig;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.data.MnistConfig;
import io.gen4j.data.MnistProvider;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ModelProvider;
import io.gen4j.spi.SpiVersion;
import io.gen4j.testing.TinyGanProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  private static final String SERVICES = "META-INF/services/" + ModelProvider.class.getName();

  @Test
  void providerRegisteredOnlyInTestResourcesIsDiscoveredWithItsLocation() {
    Gen4j gen4j = Gen4j.create();
    assertThat(gen4j.catalog().models()).containsKey("tiny-gan");
    assertThat(gen4j.catalog().trainers()).containsKey("sequential");
    ExperimentConfig config = gen4j.configLoader().parse("{\"model\": {\"type\": \"tiny-gan\", \"hidden\": 5}}", "t.json");
    assertThat(config.model()).isEqualTo(new TinyGanProvider.Config(8, 5, -1));
    assertThat(gen4j.catalog().trainerFor(gen4j.catalog().createModel(config)).name()).isEqualTo("sequential");
    PluginJar jar = gen4j.catalog().plugins().jarOfModel("tiny-gan").orElseThrow();
    assertThat(jar.location()).isEqualTo(PluginJar.locationOf(TinyGanProvider.class).orElseThrow());
    assertThat(jar.builtIn()).isFalse();
    assertThat(gen4j.catalog().plugins().jarOfTrainer("sequential").orElseThrow().builtIn()).isTrue();
  }

  @Test
  void twoProvidersOfOneNameAreBothRefusedNamingBothJars(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("duplicate.jar"), DuplicateTinyGan.class.getName(), null);
    try (URLClassLoader loader = loader(jar)) {
      Plugins plugins = PluginDiscovery.discover(loader);
      assertThat(plugins.models()).doesNotContainKey("tiny-gan");
      assertThat(plugins.problems()).hasSize(2);
      PluginProblem problem = plugins.problems().stream().filter(p -> p.jar().location().equals(jar)).findFirst().orElseThrow();
      assertThat(problem.message()).isEqualTo(jar + ": model type 'tiny-gan': 2 providers have this name: "
          + TinyGanProvider.class.getName() + " (" + PluginJar.locationOf(TinyGanProvider.class).orElseThrow() + ") and "
          + DuplicateTinyGan.class.getName() + " (" + jar + "); remove or rename one");
      assertThatThrownBy(() -> Gen4j.create(loader))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("model type 'tiny-gan': 2 providers have this name")
          .hasMessageEndingWith("(and 1 more plugin problems; gen4j models lists them)")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aDatasetTypeInAPluginJarIsFoundWithItsJar(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("pixels.jar"), DatasetProvider.class, PixelsDataset.class.getName(), null);
    try (URLClassLoader loader = loader(jar)) {
      Plugins plugins = PluginDiscovery.discover(loader);
      assertThat(plugins.problems()).isEmpty();
      assertThat(plugins.datasets()).containsKeys("pixels", MnistProvider.NAME);
      assertThat(plugins.jarOfDataset("pixels").orElseThrow().location()).isEqualTo(jar);
      assertThat(plugins.jarOfDataset(MnistProvider.NAME).orElseThrow().builtIn()).isTrue();
      assertThat(Gen4j.create(loader).datasets().providers()).containsKey("pixels");
    }
  }

  @Test
  void twoDatasetProvidersOfOneNameAreBothRefusedNamingBothJars(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("mnist-again.jar"), DatasetProvider.class, DuplicateMnist.class.getName(), null);
    try (URLClassLoader loader = loader(jar)) {
      Plugins plugins = PluginDiscovery.discover(loader);
      assertThat(plugins.datasets()).doesNotContainKey(MnistProvider.NAME).containsKey("folder");
      PluginProblem problem = plugins.problems().stream().filter(p -> p.jar().location().equals(jar)).findFirst().orElseThrow();
      assertThat(problem.message()).isEqualTo(jar + ": dataset type 'mnist': 2 providers have this name: "
          + MnistProvider.class.getName() + " (" + PluginJar.locationOf(MnistProvider.class).orElseThrow() + ") and "
          + DuplicateMnist.class.getName() + " (" + jar + "); remove or rename one");
      assertThatThrownBy(() -> Gen4j.create(loader))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("dataset type 'mnist': 2 providers have this name")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aTypoInAServicesFileNamesTheJarLineAndClass(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("typo.jar"), "io.example.TinyGanProvidr", null);
    assertThat(problems(jar)).containsExactly(jar + ": plugin class io.example.TinyGanProvidr: " + SERVICES
        + " line 1 names this class, but there is no such class");
  }

  @Test
  void aServicesLineThatIsNoClassNameIsRefused(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("syntax.jar"), "io.example.Tiny Gan", null);
    assertThat(problems(jar)).containsExactly(
        jar + ": plugin class 'io.example.Tiny Gan': " + SERVICES + " line 1 is not a class name");
  }

  @Test
  void aClassThatIsNoProviderIsRefused(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("wrong.jar"), String.class.getName(), null);
    assertThat(problems(jar)).containsExactly(
        jar + ": plugin class java.lang.String: it does not implement io.gen4j.spi.ModelProvider");
  }

  @Test
  void providersOfAnotherSpiAreRefusedWithASentence(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("old.jar"), OldProvider.class.getName() + "\n" + FutureProvider.class.getName(), null);
    assertThat(problems(jar)).containsExactly(
        jar + ": plugin class " + OldProvider.class.getName() + ": it was built for gen4j SPI 1.0, but this gen4j has SPI "
            + SpiVersion.CURRENT + " (it runs plugins built for 2.0 to " + SpiVersion.CURRENT
            + "); rebuild the plugin against this gen4j",
        jar + ": plugin class " + FutureProvider.class.getName() + ": it was built for gen4j SPI 2.99, but this gen4j has SPI "
            + SpiVersion.CURRENT + " (it runs plugins built for 2.0 to " + SpiVersion.CURRENT
            + "); rebuild the plugin against this gen4j");
  }

  @Test
  void aDefaultConfigWithANullFieldIsRefused(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("null.jar"), NullDefaultProvider.class.getName(), null);
    assertThat(problems(jar)).containsExactly(jar + ": model type 'null-default' (" + NullDefaultProvider.class.getName()
        + "): defaultConfig() leaves field 'layers' null: every field needs a default (an empty Optional for an"
        + " optional one), or a config that omits it fails mid-run");
  }

  @Test
  void aConfigCheckThrowingInAStaticInitializerIsOneLine(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("static.jar"), StaticFailureProvider.class.getName(), null);
    assertThat(problems(jar)).containsExactly(jar + ": model type 'static-failure' ("
        + StaticFailureProvider.class.getName() + "): defaultConfig() failed: a static initializer threw "
        + InvalidConfigException.class.getName() + ": width: must be at least 1, got 0");
  }

  @Test
  void aThrowingConstructorIsRefused(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("ctor.jar"), ThrowingConstructorProvider.class.getName(), null);
    assertThat(problems(jar)).containsExactly(jar + ": plugin class " + ThrowingConstructorProvider.class.getName()
        + ": its constructor threw java.lang.IllegalStateException: no GPU here");
  }

  @Test
  void twoVersionsOfOnePluginAreDetectedNamingBothJars(@TempDir Path directory) throws Exception {
    Path older = jar(directory.resolve("versioned-1.0.jar"), VersionedProvider.class.getName(), "1.0");
    Path newer = jar(directory.resolve("versioned-2.0.jar"), VersionedProvider.class.getName(), "2.0");
    assertThat(problems(older, newer)).containsExactly(newer + ": plugin io.example:versioned: two versions are on the"
        + " class path: 1.0 in " + older + " and 2.0 in " + newer + "; remove one of the jars");
  }

  @Test
  void oneProviderClassInTwoJarsIsDetectedWithoutMavenCoordinates(@TempDir Path directory) throws Exception {
    Path first = jar(directory.resolve("a.jar"), VersionedProvider.class.getName(), null);
    Path second = jar(directory.resolve("b.jar"), VersionedProvider.class.getName(), null);
    assertThat(problems(first, second)).containsExactly(second + ": plugin class " + VersionedProvider.class.getName()
        + ": two versions are on the class path: unknown in " + first + " and unknown in " + second
        + "; remove one of the jars");
  }

  @Test
  void theJarRecordsItsVersionAndChecksum(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("versioned-1.0.jar"), VersionedProvider.class.getName(), "1.0");
    try (URLClassLoader loader = loader(jar)) {
      Plugins plugins = PluginDiscovery.discover(loader);
      PluginJar found = plugins.jarOfModel("versioned").orElseThrow();
      assertThat(found.location()).isEqualTo(jar);
      assertThat(found.artifact()).contains("io.example:versioned");
      assertThat(found.version()).isEqualTo("1.0");
      assertThat(found.sha256()).contains(java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar))));
    }
  }

  @Test
  void aFileThatIsNoJarIsFlaggedBesideTheHealthyPlugins(@TempDir Path directory) throws Exception {
    Path notAJar = Files.writeString(directory.resolve("notes.jar"), "hello\n").toAbsolutePath().normalize();
    Path healthy = jar(directory.resolve("versioned-1.0.jar"), VersionedProvider.class.getName(), "1.0");
    try (PluginClassLoader loader = PluginClassLoader.of(List.of(notAJar, healthy), getClass().getClassLoader())) {
      Plugins plugins = PluginDiscovery.discover(loader);
      assertThat(plugins.models()).containsKey("versioned");
      assertThat(plugins.problems()).extracting(PluginProblem::message).containsExactly(notAJar
          + ": plugin jar: not a readable jar (zip END header not found); replace or remove the file");
    }
  }

  @Test
  void theBrokenPluginDoesNotHideTheHealthyOnes(@TempDir Path directory) throws Exception {
    Path jar = jar(directory.resolve("mixed.jar"),
        VersionedProvider.class.getName() + "\n# a comment\n\nio.example.Missing # trailing comment", null);
    try (URLClassLoader loader = loader(jar)) {
      Plugins plugins = PluginDiscovery.discover(loader);
      assertThat(plugins.models()).containsKeys("tiny-gan", "versioned");
      assertThat(plugins.problems()).extracting(PluginProblem::subject).containsExactly("plugin class io.example.Missing");
    }
  }

  private static List<String> problems(Path... jars) throws IOException {
    try (URLClassLoader loader = loader(jars)) {
      return PluginDiscovery.discover(loader).problems().stream().map(PluginProblem::message).toList();
    }
  }

  private static URLClassLoader loader(Path... jars) throws IOException {
    URL[] urls = Stream.of(jars).map(jar -> {
      try {
        return jar.toUri().toURL();
      } catch (java.net.MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(URL[]::new);
    return new URLClassLoader(urls, PluginDiscoveryTest.class.getClassLoader());
  }

  /** A jar with a services file listing {@code providers} and, with a version, Maven coordinates. */
  static Path jar(Path file, String providers, String version) throws IOException {
    return jar(file, ModelProvider.class, providers, version);
  }

  /** A jar with a services file of {@code service} listing {@code providers}. */
  static Path jar(Path file, Class<?> service, String providers, String version) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
      jar.write((providers + "\n").getBytes(StandardCharsets.UTF_8));
      if (version != null) {
        jar.putNextEntry(new JarEntry("META-INF/maven/io.example/versioned/pom.properties"));
        jar.write(("groupId=io.example\nartifactId=versioned\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return file.toAbsolutePath().normalize();
  }

  /** Another provider claiming the tiny GAN's name. */
  public static final class DuplicateTinyGan extends DelegatingProvider {
    public DuplicateTinyGan() {
      super("tiny-gan", SpiVersion.CURRENT);
    }
  }

  /** A dataset type of a plugin jar (discovery only: it is never opened). */
  public static final class PixelsDataset implements DatasetProvider<MnistConfig> {
    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
      return "pixels";
    }

    @Override
    public String description() {
      return "a plugin's dataset type";
    }

    @Override
    public Class<MnistConfig> configClass() {
      return MnistConfig.class;
    }

    @Override
    public MnistConfig defaultConfig() {
      return MnistProvider.DEFAULT_CONFIG;
    }

    @Override
    public DatasetSplits open(MnistConfig config, DatasetContext context) {
      throw new UnsupportedOperationException("not opened in these tests");
    }
  }

  /** A dataset type claiming the bundled MNIST's name. */
  public static final class DuplicateMnist implements DatasetProvider<MnistConfig> {
    private final MnistProvider delegate = new MnistProvider();

    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }

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

  /** A provider built for SPI 1. */
  public static final class OldProvider extends DelegatingProvider {
    public OldProvider() {
      super("old", "1.0");
    }
  }

  /** A provider built for a later minor version. */
  public static final class FutureProvider extends DelegatingProvider {
    public FutureProvider() {
      super("future", "2.99");
    }
  }

  /** A healthy provider shipped in jars of several versions. */
  public static final class VersionedProvider extends DelegatingProvider {
    public VersionedProvider() {
      super("versioned", SpiVersion.CURRENT);
    }
  }

  /** A provider that cannot be constructed here. */
  public static final class ThrowingConstructorProvider extends DelegatingProvider {
    public ThrowingConstructorProvider() {
      super("throwing", SpiVersion.CURRENT);
      throw new IllegalStateException("no GPU here");
    }
  }

  /** A config whose default leaves a list null. */
  public record NullableConfig(int width, List<Integer> layers) implements ModelConfig {}

  /** Its default leaves {@code layers} null. */
  public static final class NullDefaultProvider extends ConfigProvider<NullableConfig> {
    public NullDefaultProvider() {
      super("null-default", NullableConfig.class);
    }

    @Override
    public NullableConfig defaultConfig() {
      return new NullableConfig(3, null);
    }
  }

  /** A config whose defaults fail their own check, in a static initializer. */
  public record CheckedConfig(int width) implements ModelConfig {
    static final CheckedConfig DEFAULT = new CheckedConfig(0);

    public CheckedConfig {
      if (width < 1) {
        throw new InvalidConfigException("width", "must be at least 1, got " + width);
      }
    }
  }

  /** Its defaults throw when first used. */
  public static final class StaticFailureProvider extends ConfigProvider<CheckedConfig> {
    public StaticFailureProvider() {
      super("static-failure", CheckedConfig.class);
    }

    @Override
    public CheckedConfig defaultConfig() {
      return CheckedConfig.DEFAULT;
    }
  }

  /** A provider with its own config class and nothing else. */
  abstract static class ConfigProvider<C extends ModelConfig> implements ModelProvider<C> {
    private final String name;
    private final Class<C> configClass;

    ConfigProvider(String name, Class<C> configClass) {
      this.name = name;
      this.configClass = configClass;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "a broken plugin";
    }

    @Override
    public Class<C> configClass() {
      return configClass;
    }

    @Override
    public Map<String, OptimizerConfig> defaultOptimizers(C config) {
      return Map.of("generator", OptimizerConfig.Adam.DEFAULT);
    }

    @Override
    public GenerativeModel create(C config) {
      throw new UnsupportedOperationException("never built");
    }

    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }
  }

  /** The tiny GAN under another name and SPI version. */
  abstract static class DelegatingProvider implements ModelProvider<TinyGanProvider.Config> {
    private final TinyGanProvider delegate = new TinyGanProvider();
    private final String name;
    private final String version;

    DelegatingProvider(String name, String version) {
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
    public Map<String, OptimizerConfig> defaultOptimizers(TinyGanProvider.Config config) {
      return delegate.defaultOptimizers(config);
    }

    @Override
    public GenerativeModel create(TinyGanProvider.Config config) {
      return delegate.create(config);
    }

    @Override
    public String spiVersion() {
      return version;
    }
  }
}
