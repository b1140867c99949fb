package io.gen4j.data.npy;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.data.files.SourceFiles;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetProvider;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.SpiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code npy}: images (and labels) in NumPy arrays, converted once into the cache. */
public final class NpyDatasetProvider implements DatasetProvider<NpyConfig> {

  /** The {@code data.type}. */
  public static final String NAME = "npy";

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
    if (config.images() == null) {
      throw new DatasetException("data.images: required for dataset type npy: the .npy image array");
    }
    Path images = SourceFiles.existingFile("data.images", config.images(), "a .npy image array");
    Path labels = config.labels() == null ? null
        : SourceFiles.existingFile("data.labels", config.labels(), "a .npy labels array");
    Path testImages = config.testImages() == null ? null
        : SourceFiles.existingFile("data.testImages", config.testImages(), "a .npy image array");
    Path testLabels = config.testLabels() == null ? null
        : SourceFiles.existingFile("data.testLabels", config.testLabels(), "a .npy labels array");
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

  private static void copy(CacheWriter writer, String split, Path images, Path labels) {
    byte[] labelBytes = labels == null ? null : NpyArrays.readLabels(labels);
    SplitWriter[] target = new SplitWriter[1];
    NpyArrays.readImages(images, header -> {
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
  }
}
