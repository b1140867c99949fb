package io.gen4j.data.npy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.data.files.ImageFileSet;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;
import java.nio.file.Path;

/** {@code npy}: images (and labels) in NumPy arrays, converted once into the cache. */
public final class NpyDatasetProvider implements DatasetProvider<NpyConfig> {

  /** The {@code data.type}. */
  public static final String NAME = "npy";

  private static final ImageFileSet FILES = new ImageFileSet(NAME, "a .npy image array", "a .npy labels array");

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
    return "NumPy .npy arrays (N, H, W[, C]), uint8 or float in [0, 1], optional labels and test split";
  }

  @Override
  public Class<NpyConfig> configClass() {
    return NpyConfig.class;
  }

  @Override
  public NpyConfig defaultConfig() {
    return NpyConfig.DEFAULT;
  }

  @Override
  public DatasetSplits open(NpyConfig config, DatasetContext context) {
    return FILES.open(config.images(), config.labels(), config.testImages(), config.testLabels(),
        config.classNames(), context, NpyDatasetProvider::copy);
  }

  private static void copy(CacheWriter writer, String split, Path images, Path labels) {
    byte[] labelBytes = labels == null ? null : NpyArrays.readLabels(labels);
    NpyArrays.readImages(images, header -> ImageFileSet.startSplit(
        writer, split, header.count(), header.shape(), images, labelBytes, labels)::add);
  }
}
