package io.gen4j.data.idx;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.data.files.ImageFileSet;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code idx}: a user's own IDX image file, optional labels and optional test split, read into the cache. */
public final class IdxDatasetProvider implements DatasetProvider<IdxConfig> {

  /** The {@code data.type}. */
  public static final String NAME = "idx";

  private static final ImageFileSet FILES = new ImageFileSet(NAME, "an IDX image file", "an IDX label file");

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
    return "your own IDX files (raw or gzip): images, optional labels and test split";
  }

  @Override
  public Class<IdxConfig> configClass() {
    return IdxConfig.class;
  }

  @Override
  public IdxConfig defaultConfig() {
    return IdxConfig.DEFAULT;
  }

  @Override
  public DatasetSplits open(IdxConfig config, DatasetContext context) {
    return FILES.open(config.images(), config.labels(), config.testImages(), config.testLabels(),
        config.classNames(), context, IdxDatasetProvider::copy);
  }

  /** Streams one IDX image file (and its labels) into a split of the cache. */
  static void copy(CacheWriter writer, String split, Path images, Path labels) {
    byte[] labelBytes = labels == null ? null : readLabels(labels);
    try (InputStream in = Files.newInputStream(images)) {
      IdxStreams.readImages(in, images.toString(), Files.size(images), header -> ImageFileSet.startSplit(
          writer, split, header.count(), header.shape(), images, labelBytes, labels)::add);
    } catch (IOException e) {
      throw new DatasetException(images + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] readLabels(Path labels) {
    try (InputStream in = Files.newInputStream(labels)) {
      return IdxStreams.readLabels(in, labels.toString(), Files.size(labels));
    } catch (IOException e) {
      throw new DatasetException(labels + ": cannot read: " + e.getMessage(), e);
    }
  }
}
