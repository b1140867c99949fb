package io.gen4j.data.download;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset downloaded on first use: its files are fetched into {@code $GEN4J_HOME/datasets/NAME/} (or
 * imported there), checked, and read once into the dataset cache; later runs map the cache and need
 * neither the network nor the downloaded files.
 */
public abstract class NamedDatasetProvider implements DatasetProvider<NamedDatasetConfig> {

  /** Raised when the way a named dataset is read into the cache changes. */
  private static final String READER_VERSION = "1";

  private final NamedDataset dataset;
  private final Downloader downloader;

  protected NamedDatasetProvider(NamedDataset dataset, Downloader downloader) {
    this.dataset = requireNonNull(dataset, "dataset is null");
    this.downloader = requireNonNull(downloader, "downloader is null");
  }

  /** What the dataset is and where it comes from. */
  public NamedDataset dataset() {
    return dataset;
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String name() {
    return dataset.name();
  }

  @Override
  public String description() {
    return dataset.description();
  }

  @Override
  public Class<NamedDatasetConfig> configClass() {
    return NamedDatasetConfig.class;
  }

  @Override
  public NamedDatasetConfig defaultConfig() {
    return NamedDatasetConfig.DEFAULT;
  }

  /** The download folder of this dataset in a context. */
  public DatasetDownloads downloads(DatasetContext context) {
    return new DatasetDownloads(context.downloads(), dataset);
  }

  /** Where files are downloaded from: {@code mirror/NAME} if a mirror is given, else the official base. */
  public String base(Optional<String> mirror) {
    return mirror
        .map(base -> (base.endsWith("/") ? base : base + "/") + dataset.name())
        .orElse(dataset.officialBase());
  }

  /** Downloads every missing file (from the context's mirror, or the official site). */
  public Map<RemoteFile, Path> fetch(DatasetContext context) {
    return downloads(context).fetchMissing(base(context.mirror()), downloader, context::progress);
  }

  @Override
  public DatasetSplits open(NamedDatasetConfig config, DatasetContext context) {
    PreparedCache cache = new PreparedCache(context.cache());
    List<String> key = new ArrayList<>(List.of(dataset.name(), READER_VERSION));
    dataset.files().forEach(file -> key.add(file.name() + " " + file.sha256()));
    key.add(String.join("\u0000", dataset.classNames()));
    String cacheKey = PreparedCache.key(key);
    Optional<DatasetSplits> cached = cache.find(dataset.name(), cacheKey);
    if (cached.isPresent()) {
      return cached.get();
    }
    DatasetContext withMirror = config.mirror() == null ? context : context.withMirror(Optional.of(config.mirror()));
    Map<RemoteFile, Path> files = fetch(withMirror);
    DatasetDownloads downloads = downloads(context);
    dataset.files().forEach(downloads::verify);
    return cache.open(dataset.name(), dataset.name(), cacheKey, writer -> {
      writer.classNames(dataset.classNames());
      read(files, writer);
    });
  }

  /** Reads the verified files into the cache: a train split and a test split. */
  protected abstract void read(Map<RemoteFile, Path> files, CacheWriter writer);
}
