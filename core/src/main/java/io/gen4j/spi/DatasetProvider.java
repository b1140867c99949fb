package io.gen4j.spi;

/**
 * A dataset type that experiments select by name ({@code "data": {"type": "folder", "path": ...}}).
 * Providers are discovered with {@link java.util.ServiceLoader}, like {@link ModelProvider}s: list the
 * implementation in {@code META-INF/services/io.gen4j.spi.DatasetProvider}. Keep it cheap to
 * construct; downloading, decoding and caching happen in {@link #open}.
 *
 * @param <C> the record holding this type's config fields
 */
public interface DatasetProvider<C extends DatasetConfig> {

  /** The {@code data.type} that selects this provider; lower case, words joined by '-'. */
  String name();

  /** One line for {@code gen4j datasets}. */
  String description();

  /** The record Jackson deserializes this type's fields of {@code data} into. */
  Class<C> configClass();

  /** The config with every field at its documented default; an experiment's fields override these. */
  C defaultConfig();

  /**
   * The images a config names: the train split and, where the dataset has one, its test split. Core
   * holds out a test split from the train split for datasets without one ({@code data.testFraction}),
   * and cuts the train split to {@code data.limit}.
   *
   * <p>Read large datasets into a cache file once and return {@link
   * io.gen4j.data.ImageDataset#mapped memory-mapped} splits, so they need not fit in the heap.
   *
   * @throws io.gen4j.data.DatasetException with a one-line message naming the file and what was
   *     expected, for every problem with the data (missing, unreadable, corrupt, inconsistent,
   *     checksum mismatch, no network)
   */
  DatasetSplits open(C config, DatasetContext context);

  /**
   * The plugin API this provider was built against: implement it as {@code return SpiVersion.CURRENT;}.
   * The compiler copies the constant's value into the provider's class, so gen4j can refuse, with a
   * sentence, a plugin built for an API it does not have (see {@link SpiVersion}).
   */
  String spiVersion();
}
