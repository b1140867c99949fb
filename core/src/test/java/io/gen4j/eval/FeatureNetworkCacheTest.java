package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.BundledMnist;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on a slice of MNIST with a few training steps: reuse, and rebuilds of bad entries. */
class FeatureNetworkCacheTest {

  private static final ClassifierTraining QUICK = new ClassifierTraining(1, 0, 64, 0.002f, 5, 0);

  private static ImageDataset train;
  private static ImageDataset test;
  private static ImageBatch probe;

  @TempDir Path cacheDirectory;

  @BeforeAll
  static void slices() {
    train = BundledMnist.train().slice(1280);
    test = BundledMnist.test().slice(300);
    probe = DatasetImages.all(test.slice(20));
  }

  private Path variablesData(Path entry) throws IOException {
    try (Stream<Path> files = Files.list(entry)) {
      return files.filter(file -> file.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
  }

  @Test
  void trainsOnceThenReusesTheEntry() {
    FeatureNetworkCache cache = new FeatureNetworkCache(cacheDirectory, QUICK);
    double[][] first;
    FeatureNetworkManifest manifest;
    Path entry;
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isTrue();
      manifest = network.manifest();
      entry = network.entry();
      first = network.network().embed(probe).probabilities();
    }
    assertThat(entry.getParent()).isEqualTo(cacheDirectory.resolve("feature-networks"));
    assertThat(entry.getFileName().toString()).isEqualTo("mnist-train-" + DatasetChecksum.sha256(train, test).substring(0, 16)
        + "-" + DatasetChecksum.sha256(QUICK.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8));
    // gen4j eval's own settings keep the plain name; other settings (a quick sweep's) live beside it, not in its place.
    String checksum = DatasetChecksum.sha256(train, test);
    assertThat(new FeatureNetworkCache(cacheDirectory, ClassifierTraining.DEFAULT).entry(train, checksum).getFileName())
        .hasToString("mnist-train-" + checksum.substring(0, 16));
    assertThat(entry.resolve("manifest.json")).isRegularFile();
    assertThat(manifest.datasetChecksum()).isEqualTo(DatasetChecksum.sha256(train, test));
    assertThat(manifest.architectureVersion()).isEqualTo(FeatureNetwork.ARCHITECTURE_VERSION);
    assertThat(manifest.classes()).isEqualTo(10);
    assertThat(manifest.trainImages()).isEqualTo(1280);
    assertThat(manifest.testImages()).isEqualTo(300);
    assertThat(manifest.testAccuracy()).isBetween(0.5, 1.0); // 20 steps already beat chance (0.1) by far
    assertThat(manifest.files()).containsKey("variables.index");

    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isFalse();
      assertThat(network.manifest()).isEqualTo(manifest);
      assertThat(network.network().embed(probe).probabilities()).isDeepEqualTo(first);
    }
  }

  @Test
  void rebuildsAnEntryWhoseWeightsWereCorrupted() throws IOException {
    FeatureNetworkCache cache = new FeatureNetworkCache(cacheDirectory, QUICK);
    Path entry;
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      entry = network.entry();
    }
    Path data = variablesData(entry);
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55; // one flipped byte: the SHA-256 check catches it before TensorFlow reads it
    Files.write(data, bytes);

    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isTrue();
    }
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isFalse();
    }
  }

  @Test
  void rebuildsAnEntryWithAnUnreadableOrStaleManifestOrMissingFiles() throws IOException {
    FeatureNetworkCache cache = new FeatureNetworkCache(cacheDirectory, QUICK);
    Path entry;
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      entry = network.entry();
    }
    Files.writeString(entry.resolve("manifest.json"), "{\"architectureVersion\": 1, \"datas");
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isTrue();
    }

    Files.delete(entry.resolve("variables.index"));
    try (CachedFeatureNetwork network = cache.obtain(train, test)) {
      assertThat(network.trained()).isTrue();
    }

    FeatureNetworkCache otherSettings = new FeatureNetworkCache(cacheDirectory, new ClassifierTraining(1, 0, 64, 0.002f, 6, 0));
    try (CachedFeatureNetwork network = otherSettings.obtain(train, test)) {
      assertThat(network.trained()).isTrue();
      assertThat(network.manifest().training().seed()).isEqualTo(6);
    }
  }

  @Test
  void theDefaultDirectoryFollowsThePropertyThenTheVariablesThenTheHome() {
    Map<String, String> none = Map.of("user.home", "/home/ada");
    assertThat(FeatureNetworkCache.defaultDirectory(none::get, Map.<String, String>of()::get))
        .isEqualTo(Path.of("/home/ada/.cache/gen4j"));
    assertThat(FeatureNetworkCache.defaultDirectory(none::get, Map.of("XDG_CACHE_HOME", "/var/cache")::get))
        .isEqualTo(Path.of("/var/cache/gen4j"));
    assertThat(FeatureNetworkCache.defaultDirectory(none::get,
            Map.of("XDG_CACHE_HOME", "/var/cache", "GEN4J_CACHE", "/tmp/g")::get))
        .isEqualTo(Path.of("/tmp/g"));
    assertThat(FeatureNetworkCache.defaultDirectory(Map.of("gen4j.cache", "/opt/c", "user.home", "/home/ada")::get,
            Map.of("GEN4J_CACHE", "/tmp/g")::get))
        .isEqualTo(Path.of("/opt/c"));
  }
}
