package io.gen4j.data.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gen4j.data.DatasetException;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded datasets kept as files of unsigned bytes, one entry per source and settings: {@code
 * ROOT/NAME-KEY/} holds {@code train.pixels} (and {@code test.pixels}), their labels ({@code
 * *.labels}, one byte per image) and {@code meta.json} (shapes, counts, class names, content
 * checksums). Opening an entry maps its pixel files into memory, so a dataset of any size trains
 * without being read into the heap.
 *
 * <p>An entry is built in a temporary folder beside its place and renamed into it, so a killed build
 * leaves no entry behind; an entry that cannot be read (truncated, edited, of an older format) is
 * deleted and rebuilt. When an entry is built, older entries of the same source (a folder before a
 * file changed, say) are deleted.
 */
public final class PreparedCache {

  /** Raised when the layout of entries changes; older entries are rebuilt. */
  static final int FORMAT_VERSION = 1;

  static final String META = "meta.json";

  private static final Logger LOG = LoggerFactory.getLogger(PreparedCache.class);
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int KEY_PREFIX = 16;

  private final Path root;

  /** @param root the folder of entries, usually {@code $GEN4J_CACHE/datasets} */
  public PreparedCache(Path root) {
    this.root = requireNonNull(root, "root is null");
  }

  /** The hex SHA-256 of the parts, one per line: a key from a source's identity and settings. */
  public static String key(List<String> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update((part + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The folder of the entry of a name and key. */
  public Path entry(String name, String key) {
    return root.resolve(safe(name) + "-" + key.substring(0, Math.min(KEY_PREFIX, key.length())));
  }

  /**
   * The entry of a name and key, built first with {@code build} if there is no usable one.
   *
   * @param name names the dataset: its splits are {@code NAME-train} and {@code NAME-test}
   * @param source identifies where the images come from (a folder's path, a dataset's name): when an
   *     entry is built, other entries of this source are deleted
   * @param key identifies the source's content and the settings, {@link #key}
   * @param build writes the splits; it must write a train split
   * @throws DatasetException if building fails (no entry is left behind)
   */
  public DatasetSplits open(String name, String source, String key, Consumer<CacheWriter> build) {
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(key, "key is null");
    requireNonNull(build, "build is null");
    Path entry = entry(name, key);
    Optional<DatasetSplits> existing = readIfUsable(entry);
    if (existing.isPresent()) {
      return existing.get();
    }
    build(entry, name, source, key, build);
    removeStale(source, entry);
    return readIfUsable(entry).orElseThrow(() -> new DatasetException(entry + ": the cache entry just built cannot be read"));
  }

  /** The entry of a name and key if it exists and is usable, without building it. */
  public Optional<DatasetSplits> find(String name, String key) {
    Path entry = entry(name, key);
    return Files.isDirectory(entry) ? readIfUsable(entry) : Optional.empty();
  }

  private Optional<DatasetSplits> readIfUsable(Path entry) {
    if (!Files.isDirectory(entry)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(entry));
    } catch (IOException | RuntimeException e) {
      LOG.warn("dataset cache entry {} is unusable ({}); rebuilding it", entry, e.getMessage());
      deleteRecursively(entry);
      return Optional.empty();
    }
  }

  private void build(Path entry, String name, String source, String key, Consumer<CacheWriter> build) {
    Path temporary;
    try {
      Files.createDirectories(root);
      temporary = Files.createTempDirectory(root, ".building-" + safe(name) + "-");
    } catch (IOException e) {
      throw new DatasetException(root + ": cannot create the dataset cache: " + e.getMessage(), e);
    }
    try {
      CacheWriter writer = new CacheWriter(temporary);
      try {
        build.accept(writer);
      } finally {
        writer.splits().values().forEach(SplitWriter::close);
      }
      SplitWriter train = writer.splits().get(CacheWriter.TRAIN);
      if (train == null) {
        throw new IllegalStateException(name + ": the cache was built without a train split");
      }
      ObjectNode meta = JSON.createObjectNode();
      meta.put("format", FORMAT_VERSION);
      meta.put("name", name);
      meta.put("source", source);
      meta.put("key", key);
      ArrayNode classNames = meta.putArray("classNames");
      writer.classNames().forEach(classNames::add);
      ObjectNode splits = meta.putObject("splits");
      for (SplitWriter split : writer.splits().values()) {
        ObjectNode node = splits.putObject(split.split());
        node.put("count", split.count());
        node.put("height", split.shape().height());
        node.put("width", split.shape().width());
        node.put("channels", split.shape().channels());
        node.put("labelled", split.labelled());
        node.put("checksum", split.checksum());
        byte[] labels = split.labelBytes();
        if (labels != null) {
          Files.write(temporary.resolve(split.split() + ".labels"), labels);
        }
      }
      meta.put("created", Instant.now().toString());
      Files.writeString(temporary.resolve(META), JSON.writeValueAsString(meta));
      moveIntoPlace(temporary, entry);
    } catch (IOException e) {
      throw new DatasetException(root + ": cannot write the dataset cache: " + e.getMessage(), e);
    } finally {
      deleteRecursively(temporary);
    }
  }

  private static void moveIntoPlace(Path temporary, Path entry) throws IOException {
    try {
      Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // Another process built the same entry meanwhile; its copy is as good as this one.
      LOG.debug("dataset cache entry {} was built by another process", entry);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename folders atomically in " + entry.getParent(), e);
    }
  }

  private static DatasetSplits read(Path entry) throws IOException {
    JsonNode meta = JSON.readTree(Files.readString(entry.resolve(META)));
    if (meta.path("format").asInt(-1) != FORMAT_VERSION) {
      throw new DatasetException("format " + meta.path("format") + ", expected " + FORMAT_VERSION);
    }
    String name = meta.path("name").asText();
    List<String> classNames = new ArrayList<>();
    meta.path("classNames").forEach(className -> classNames.add(className.asText()));
    ImageDataset train = split(entry, name, CacheWriter.TRAIN, meta.path("splits").path(CacheWriter.TRAIN), classNames)
        .orElseThrow(() -> new DatasetException("no train split"));
    Optional<ImageDataset> test =
        split(entry, name, CacheWriter.TEST, meta.path("splits").path(CacheWriter.TEST), classNames);
    return new DatasetSplits(name, train, test);
  }

  private static Optional<ImageDataset> split(
      Path entry, String name, String split, JsonNode node, List<String> classNames) throws IOException {
    if (node.isMissingNode()) {
      return Optional.empty();
    }
    int count = node.path("count").asInt(-1);
    ImageShape shape = new ImageShape(node.path("height").asInt(), node.path("width").asInt(), node.path("channels").asInt());
    byte[] labels = null;
    if (node.path("labelled").asBoolean()) {
      labels = Files.readAllBytes(entry.resolve(split + ".labels"));
      if (labels.length != count) {
        throw new DatasetException(split + ".labels holds " + labels.length + " labels, expected " + count);
      }
    }
    String checksum = node.path("checksum").asText();
    if (!checksum.matches("[0-9a-f]{64}")) {
      throw new DatasetException("no checksum for the " + split + " split");
    }
    return Optional.of(ImageDataset.mapped(name + "-" + split, shape, entry.resolve(split + ".pixels"), count, labels,
        labels == null ? List.of() : classNames, checksum));
  }

  private void removeStale(String source, Path current) {
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.filter(Files::isDirectory).filter(path -> !path.equals(current)).toList()) {
        Path meta = entry.resolve(META);
        if (Files.isRegularFile(meta) && source.equals(JSON.readTree(Files.readString(meta)).path("source").asText())) {
          LOG.info("deleting {}, the cache of an older version of {}", entry, source);
          deleteRecursively(entry);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot look for older dataset cache entries in {}: {}", root, e.getMessage());
    }
  }

  /** Letters, digits, '.', '_' and '-' of a name; anything else becomes '_'. */
  static String safe(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.length() > 64 ? safe.substring(0, 64) : safe;
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete {}: {}", path, e.getMessage());
    }
  }
}
