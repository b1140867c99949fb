package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.config.DataConfig;
import io.gen4j.spi.DatasetConfig;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The discovered dataset types, and the datasets configs name: what training, evaluation, held-out
 * scoring, sampling, export and bench read their images from. A dataset is opened once per process
 * and config, and shared.
 */
@Singleton
public final class DatasetCatalog {

  private final Map<String, DatasetProvider<?>> providers;
  private final DatasetContext context;
  private final Map<Key, LoadedDataset> opened = new ConcurrentHashMap<>();

  /** What makes two {@code data} sections name the same images (batch size and limit do not). */
  private record Key(String type, DatasetConfig dataset, double testFraction, long splitSeed) {}

  @Inject
  public DatasetCatalog(Map<String, DatasetProvider<?>> providers, DatasetContext context) {
    this.providers = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(providers, "providers is null")));
    this.context = requireNonNull(context, "context is null");
  }

  /** Dataset providers by {@code data.type}, sorted. */
  public Map<String, DatasetProvider<?>> providers() {
    return providers;
  }

  /** Where downloads and caches live, and how progress is shown. */
  public DatasetContext context() {
    return context;
  }

  /**
   * The provider of a dataset type.
   *
   * @throws DatasetException naming the available types if there is none
   */
  public DatasetProvider<?> provider(String type) {
    DatasetProvider<?> provider = providers.get(requireNonNull(type, "type is null"));
    if (provider == null) {
      throw new DatasetException(
          "unknown dataset type '" + type + "'; available: " + String.join(", ", providers.keySet()));
    }
    return provider;
  }

  /** The {@code data} section that names a dataset type with its default fields. */
  public DataConfig defaults(String type) {
    return DataConfig.of(type, provider(type).defaultConfig());
  }

  /**
   * Opens the dataset a {@code data} section names (downloading, decoding and caching it first if it
   * must), with a test split held out of it if it has none.
   *
   * @throws DatasetException with a one-line message for every problem with the data
   */
  public LoadedDataset open(DataConfig data) {
    requireNonNull(data, "data is null");
    return opened.computeIfAbsent(new Key(data.type(), data.dataset(), data.testFraction(), data.splitSeed()),
        key -> load(data));
  }

  private LoadedDataset load(DataConfig data) {
    DatasetProvider<?> provider = provider(data.type());
    DatasetSplits splits = openSplits(provider, data.dataset());
    if (splits.train().count() < 1) {
      throw new DatasetException(splits.name() + ": the train split has no images");
    }
    if (splits.test().isPresent()) {
      return new LoadedDataset(data.type(), splits.name(), splits.train(), splits.test().get(), false);
    }
    HoldOutSplit.Parts parts = HoldOutSplit.split(splits.train(), data.testFraction(), data.splitSeed(), splits.name());
    return new LoadedDataset(data.type(), splits.name(), parts.train(), parts.test(), true);
  }

  private <C extends DatasetConfig> DatasetSplits openSplits(DatasetProvider<C> provider, DatasetConfig config) {
    C typed;
    try {
      typed = provider.configClass().cast(config);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          "dataset type '" + provider.name() + "' takes a " + provider.configClass().getSimpleName() + ", got "
              + config.getClass().getSimpleName(), e);
    }
    try {
      return requireNonNull(provider.open(typed, context), () -> provider.name() + " opened no dataset");
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException(
          "dataset type '" + provider.name() + "' (" + provider.getClass().getName() + ") failed: " + e.getMessage(), e);
    }
  }
}
