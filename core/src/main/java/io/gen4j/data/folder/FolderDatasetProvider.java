package io.gen4j.data.folder;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.SpiVersion;
import io.gen4j.spi.TaskProgress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code folder}: a folder of images, decoded once in parallel into the cache. The cache key covers
 * the settings and every file's path, size and modification time, so adding, removing or changing a
 * file rebuilds it. Files that cannot be decoded are skipped, counted, named in the log and listed in
 * {@code skipped.txt} in the cache entry, unless {@code strict} is set.
 */
public final class FolderDatasetProvider implements DatasetProvider<FolderConfig> {

  /** The {@code data.type}. */
  public static final String NAME = "folder";

  /** The list of skipped files in a cache entry. */
  public static final String SKIPPED_FILE = "skipped.txt";

  private static final Logger LOG = LoggerFactory.getLogger(FolderDatasetProvider.class);
  private static final String FORMAT_VERSION = "1";
  private static final int NAMED_IN_LOG = 5;

  private final int threads;

  /** Decodes with one thread per available processor. */
  public FolderDatasetProvider() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** @param threads decoding threads, at least 1 */
  public FolderDatasetProvider(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a folder of PNG, JPEG, BMP or GIF images (recursive; labels from subfolders), decoded once into the cache";
  }

  @Override
  public Class<FolderConfig> configClass() {
    return FolderConfig.class;
  }

  @Override
  public FolderConfig defaultConfig() {
    return FolderConfig.DEFAULT;
  }

  @Override
  public DatasetSplits open(FolderConfig config, DatasetContext context) {
    if (config.path() == null) {
      throw new DatasetException("data.path: required for dataset type folder: the folder of images");
    }
    FolderFiles files = FolderFiles.scan(Path.of(config.path()), config.labels());
    List<String> key = new ArrayList<>(List.of(NAME, FORMAT_VERSION, files.root().toString(),
        config.height() + "x" + config.width() + "x" + config.channels(), "labels " + config.labels(),
        config.background().toLowerCase(java.util.Locale.ROOT), config.interpolation().name(), "strict " + config.strict()));
    files.files().forEach(file -> key.add(file.relative() + " " + file.size() + " " + file.modified()));
    String cacheKey = PreparedCache.key(key);
    String name = NAME + "-" + (files.root().getFileName() == null ? "root" : files.root().getFileName().toString());
    PreparedCache cache = new PreparedCache(context.cache());
    Path entry = cache.entry(name, cacheKey);
    return cache.open(name, NAME + ":" + files.root(), cacheKey, writer -> decode(files, config, context, writer, entry));
  }

  private void decode(FolderFiles files, FolderConfig config, DatasetContext context, CacheWriter writer, Path entry) {
    ImageDecoder decoder = new ImageDecoder(config);
    writer.classNames(files.classNames());
    if (config.resizes()) {
      writer.requireSpace((long) files.files().size() * config.height() * config.width() * config.channels());
    }
    List<String> skipped = new ArrayList<>();
    SplitWriter split = null;
    FolderFiles.ImageFile first = null;
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "gen4j-image-decoder");
      thread.setDaemon(true);
      return thread;
    });
    try (TaskProgress progress = context.progress("decoding " + files.root(), files.files().size(), "images")) {
      Deque<Future<Outcome>> window = new ArrayDeque<>();
      int next = 0;
      int windowSize = 4 * threads;
      while (next < files.files().size() || !window.isEmpty()) {
        while (next < files.files().size() && window.size() < windowSize) {
          FolderFiles.ImageFile file = files.files().get(next++);
          window.add(pool.submit(() -> Outcome.of(file, decoder)));
        }
        Outcome outcome = take(window.poll());
        progress.advance(1);
        FolderFiles.ImageFile file = outcome.file();
        if (outcome.failure() != null) {
          if (config.strict()) {
            throw new DatasetException(file.path() + ": cannot be decoded: " + outcome.failure()
                + " (data.strict is set; remove or fix the file, or unset strict to skip such files)");
          }
          skipped.add(file.relative() + ": " + outcome.failure());
          continue;
        }
        ImageDecoder.Decoded image = outcome.image();
        if (split == null) {
          split = writer.split(CacheWriter.TRAIN, image.shape(), config.labels());
          first = file;
          if (!config.resizes()) {
            writer.requireSpace((long) files.files().size() * image.shape().size());
          }
        } else if (!image.shape().equals(split.shape())) {
          throw new DatasetException(file.path() + ": " + size(image) + " but " + first.path() + " is "
              + size(split.shape()) + "; set data.height and data.width to bring every image to one size");
        }
        if (config.labels()) {
          split.add(image.pixels(), 0, file.label());
        } else {
          split.add(image.pixels(), 0);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (split == null) {
      throw new DatasetException(files.root() + ": none of its " + files.files().size()
          + " image files could be decoded; the first: " + skipped.get(0));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(String.format(java.util.Locale.ROOT, "decoded %d images of %s into %s in %.1f s (%.0f images/s, %d threads)",
        split.count(), files.root(), entry, seconds, split.count() / Math.max(seconds, 1e-9), threads));
    if (!skipped.isEmpty()) {
      writer.note(SKIPPED_FILE, String.join(System.lineSeparator(), skipped) + System.lineSeparator());
      LOG.warn("skipped {} of {} files in {} that could not be decoded (listed in {}): {}{}", skipped.size(),
          files.files().size(), files.root(), entry.resolve(SKIPPED_FILE),
          skipped.stream().limit(NAMED_IN_LOG).collect(Collectors.joining("; ")),
          skipped.size() > NAMED_IN_LOG ? "; and " + (skipped.size() - NAMED_IN_LOG) + " more" : "");
    }
  }

  private static String size(ImageDecoder.Decoded image) {
    return image.sourceWidth() + "x" + image.sourceHeight();
  }

  private static String size(ImageShape shape) {
    return shape.width() + "x" + shape.height();
  }

  private static Outcome take(Future<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      throw new DatasetException("decoding failed: " + e.getCause(), e.getCause());
    }
  }

  /** What decoding one file gave: the image, or why there is none. */
  private record Outcome(FolderFiles.ImageFile file, ImageDecoder.Decoded image, String failure) {
    static Outcome of(FolderFiles.ImageFile file, ImageDecoder decoder) {
      try {
        return new Outcome(file, decoder.decode(file.path()), null);
      } catch (ImageDecoder.UndecodableImage e) {
        return new Outcome(file, null, e.getMessage());
      }
    }
  }
}
