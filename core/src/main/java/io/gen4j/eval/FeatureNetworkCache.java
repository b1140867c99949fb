package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature networks trained once per dataset and kept under the user's cache directory, in {@code
 * feature-networks/<train split>-<checksum prefix>/} (with a suffix for training settings other than
 * {@link ClassifierTraining#DEFAULT}): TensorFlow's variable files and a {@link
 * FeatureNetworkManifest}. An entry is reused only if its manifest matches the datasets' checksum, the
 * architecture version and the training settings, and every file matches its SHA-256; anything else
 * (a missing, unreadable, corrupt or stale entry) is logged, deleted and rebuilt. Entries are written
 * to a temporary directory and renamed into place, so a killed process never leaves a half entry.
 */
public final class FeatureNetworkCache {

  /** System property naming the cache directory; wins over everything else. */
  public static final String DIRECTORY_PROPERTY = "gen4j.cache";

  /** Environment variable naming the cache directory, when the property is not set. */
  public static final String DIRECTORY_VARIABLE = "GEN4J_CACHE";

  static final String MANIFEST = "manifest.json";
  static final String VARIABLES = "variables";

  private static final Logger LOG = LoggerFactory.getLogger(FeatureNetworkCache.class);
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String NETWORKS = "feature-networks";
  private static final int CHECKSUM_PREFIX = 16;

  private final Path directory;
  private final ClassifierTraining training;

  /**
   * @param directory the cache root; entries go to its {@code feature-networks} subdirectory
   * @param training how networks missing from the cache are trained
   */
  public FeatureNetworkCache(Path directory, ClassifierTraining training) {
    this.directory = requireNonNull(directory, "directory is null");
    this.training = requireNonNull(training, "training is null");
  }

  /**
   * The user's gen4j cache directory: the {@value #DIRECTORY_PROPERTY} system property, else the
   * {@value #DIRECTORY_VARIABLE} environment variable, else {@code $XDG_CACHE_HOME/gen4j}, else {@code
   * ~/.cache/gen4j}.
   */
  public static Path defaultDirectory() {
    return defaultDirectory(System::getProperty, System::getenv);
  }

  static Path defaultDirectory(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String property = properties.apply(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String variable = environment.apply(DIRECTORY_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    String xdg = environment.apply("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "gen4j");
    }
    return Path.of(properties.apply("user.home"), ".cache", "gen4j");
  }

  /** The cache root. */
  public Path directory() {
    return directory;
  }

  /**
   * The feature network for a dataset: loaded from the cache when a valid entry exists, otherwise
   * trained on {@code train}, measured on {@code test} and cached.
   *
   * @param train the labelled train split
   * @param test the labelled test split, of the same image shape
   */
  public CachedFeatureNetwork obtain(ImageDataset train, ImageDataset test) {
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
    if (!train.shape().equals(test.shape())) {
      throw new IllegalArgumentException(
          "train and test splits differ in image shape: " + train.shape() + " and " + test.shape());
    }
    if (!train.labelled() || !test.labelled()) {
      throw new IllegalArgumentException(
          (train.labelled() ? test : train).name() + ": the feature network needs labelled images");
    }
    String checksum = DatasetChecksum.sha256(train, test);
    int classes = classes(train, test);
    Path entry = entry(train, checksum);
    // Processes side by side (the runs of a sweep) wait for the one that trains a missing network.
    synchronized (FeatureNetworkCache.class) {
      try {
        Files.createDirectories(entry.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + entry.getParent() + ": " + e.getMessage(), e);
      }
      Path lockFile = entry.resolveSibling(entry.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.exists(entry)) {
          try {
            return load(entry, train, test, checksum, classes);
          } catch (RuntimeException | IOException e) {
            LOG.warn("cached feature network {} is unusable ({}); rebuilding it", entry, firstLine(e.getMessage()));
          }
        }
        return build(entry, train, test, checksum, classes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }

  /** Where the entry of a dataset lives. */
  Path entry(ImageDataset train, String checksum) {
    String name = train.name() + "-" + checksum.substring(0, CHECKSUM_PREFIX);
    if (!training.equals(ClassifierTraining.DEFAULT)) {
      // Networks trained otherwise (a quick sweep's, a test's) live beside the default one, not in its place.
      name += "-" + DatasetChecksum.sha256(training.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
    return directory.resolve(NETWORKS).resolve(name);
  }

  private CachedFeatureNetwork load(Path entry, ImageDataset train, ImageDataset test, String checksum, int classes)
      throws IOException {
    Path manifestFile = entry.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new IOException("no " + MANIFEST);
    }
    if (Files.size(manifestFile) > FeatureNetworkManifest.MAX_BYTES) {
      throw new IOException(MANIFEST + " is larger than " + FeatureNetworkManifest.MAX_BYTES + " bytes");
    }
    FeatureNetworkManifest manifest;
    try {
      manifest = FeatureNetworkManifest.parse(Files.readAllBytes(manifestFile), MANIFEST);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    requireMatch("architecture version", FeatureNetwork.ARCHITECTURE_VERSION, manifest.architectureVersion());
    requireMatch("dataset checksum", checksum, manifest.datasetChecksum());
    requireMatch("image shape", train.shape(), new ImageShape(manifest.height(), manifest.width(), manifest.channels()));
    requireMatch("classes", classes, manifest.classes());
    requireMatch("training settings", training, manifest.training());
    if (manifest.files().isEmpty()) {
      throw new IOException(MANIFEST + " lists no files");
    }
    for (Map.Entry<String, String> file : manifest.files().entrySet()) {
      Path path = entry.resolve(file.getKey());
      if (!path.normalize().startsWith(entry.normalize()) || !Files.isRegularFile(path)) {
        throw new IOException("file " + file.getKey() + " is missing");
      }
      String actual = DatasetChecksum.sha256(Files.readAllBytes(path));
      if (!actual.equals(file.getValue())) {
        throw new IOException("file " + file.getKey() + " has SHA-256 " + actual + ", expected " + file.getValue());
      }
    }
    FeatureNetwork network = FeatureNetwork.restore(entry.resolve(VARIABLES), train.shape(), classes);
    LOG.info("feature network for {} from {} (test accuracy {})", train.name(), entry,
        String.format(Locale.ROOT, "%.2f%%", 100 * manifest.testAccuracy()));
    return new CachedFeatureNetwork(network, manifest, entry, false);
  }

  private CachedFeatureNetwork build(Path entry, ImageDataset train, ImageDataset test, String checksum, int classes) {
    long start = System.nanoTime();
    FeatureNetwork network = FeatureNetwork.train(train, classes, training);
    try {
      double trainingSeconds = (System.nanoTime() - start) / 1e9;
      double accuracy = network.accuracy(test);
      LOG.info("feature network trained in {}s: test accuracy {}", Math.round(trainingSeconds),
          String.format(Locale.ROOT, "%.2f%%", 100 * accuracy));
      Files.createDirectories(entry.getParent());
      Path temporary = Files.createTempDirectory(entry.getParent(), ".writing-");
      try {
        network.save(temporary.resolve(VARIABLES));
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> written = Files.list(temporary)) {
          for (Path file : written.sorted().toList()) {
            files.put(file.getFileName().toString(), DatasetChecksum.sha256(Files.readAllBytes(file)));
          }
        }
        int trainImages = training.limit() > 0 ? Math.min(training.limit(), train.count()) : train.count();
        FeatureNetworkManifest manifest = new FeatureNetworkManifest(
            FeatureNetwork.ARCHITECTURE_VERSION, train.name(), test.name(), checksum,
            train.shape().height(), train.shape().width(), train.shape().channels(), classes, training,
            trainImages, test.count(), accuracy, trainingSeconds, Instant.now().toString(), files);
        JSON.writeValue(temporary.resolve(MANIFEST).toFile(), manifest);
        deleteRecursively(entry);
        try {
          Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("cannot rename directories atomically in " + entry.getParent(), e);
        }
        return new CachedFeatureNetwork(network, manifest, entry, true);
      } finally {
        deleteRecursively(temporary);
      }
    } catch (IOException e) {
      network.close();
      throw new UncheckedIOException("cannot cache the feature network in " + entry + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  private static int classes(ImageDataset train, ImageDataset test) {
    int highest = 0;
    for (ImageDataset dataset : new ImageDataset[] {train, test}) {
      for (int i = 0; i < dataset.count(); i++) {
        highest = Math.max(highest, dataset.label(i));
      }
    }
    return highest + 1;
  }

  private static void requireMatch(String what, Object expected, Object actual) throws IOException {
    if (!expected.equals(actual)) {
      throw new IOException(what + " is " + actual + ", expected " + expected);
    }
  }

  private static String firstLine(String message) {
    return Optional.ofNullable(message).map(text -> text.lines().findFirst().orElse("")).orElse("");
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }
}
