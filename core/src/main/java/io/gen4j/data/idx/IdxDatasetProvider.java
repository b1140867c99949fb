package io.gen4j.data.idx;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.data.files.SourceFiles;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code idx}: a user's own IDX image file, optional labels and optional test split, read into the cache. */
public final class IdxDatasetProvider implements DatasetProvider<IdxConfig> {

  /** The {@code data.type}. */
  public static final String NAME = "idx";

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
    if (config.images() == null) {
      throw new DatasetException("data.images: required for dataset type idx: the IDX image file");
    }
    Path images = SourceFiles.existingFile("data.images", config.images(), "an IDX image file");
    Path labels = config.labels() == null ? null
        : SourceFiles.existingFile("data.labels", config.labels(), "an IDX label file");
    Path testImages = config.testImages() == null ? null
        : SourceFiles.existingFile("data.testImages", config.testImages(), "an IDX image file");
    Path testLabels = config.testLabels() == null ? null
        : SourceFiles.existingFile("data.testLabels", config.testLabels(), "an IDX label file");
    List<String> key = new ArrayList<>(List.of(NAME, "1"));
    for (Path file : new Path[] {images, labels, testImages, testLabels}) {
      key.add(file == null ? "-" : SourceFiles.fingerprint(file));
    }
    key.add(String.join("\u0000", config.classNames()));
    String name = NAME + "-" + SourceFiles.stem(images);
    return new PreparedCache(context.cache()).open(name, NAME + ":" + images, PreparedCache.key(key), writer -> {
      writer.classNames(config.classNames());
      copy(writer, CacheWriter.TRAIN, images, labels);
      if (testImages != null) {
        copy(writer, CacheWriter.TEST, testImages, testLabels);
      }
    });
  }

  /** Streams one IDX image file (and its labels) into a split of the cache. */
  static void copy(CacheWriter writer, String split, Path images, Path labels) {
    byte[] labelBytes = labels == null ? null : readLabels(labels);
    try (InputStream in = Files.newInputStream(images)) {
      SplitWriter[] target = new SplitWriter[1];
      IdxStreams.readImages(in, images.toString(), Files.size(images), header -> {
        if (labelBytes != null && labelBytes.length != header.count()) {
          throw new DatasetException(labels + ": " + labelBytes.length + " labels, but " + images + " holds "
              + header.count() + " images");
        }
        writer.requireSpace((long) header.count() * header.shape().size());
        target[0] = writer.split(split, header.shape(), labelBytes != null);
        return (index, image) -> {
          if (labelBytes != null) {
            target[0].add(image, 0, Byte.toUnsignedInt(labelBytes[index]));
          } else {
            target[0].add(image, 0);
          }
        };
      });
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
