package io.gen4j.data.files;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.PreparedCache;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.DatasetSplits;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dataset types that read a user's own files of one format ({@code idx}, {@code npy}) share: a
 * train image file, optional labels, an optional test split with its labels and class names, checked
 * the same way and converted once into the cache by a format's own reader.
 *
 * @param type the {@code data.type}, e.g. {@code idx}
 * @param imageFile what an image file is, for messages, e.g. "an IDX image file"
 * @param labelFile what a label file is, e.g. "an IDX label file"
 */
public record ImageFileSet(String type, String imageFile, String labelFile) {

  /** Streams one image file (and its labels, or null) of the format into a split of the cache. */
  @FunctionalInterface
  public interface SplitReader {
    void copy(CacheWriter writer, String split, Path images, Path labels);
  }

  /**
   * The checks a config of such a type makes in its constructor: test labels need test images, and
   * labels go with both splits or with neither.
   *
   * @throws InvalidConfigException naming the field
   */
  public static void requireConsistentLabels(String labels, String testImages, String testLabels) {
    if (testLabels != null && testImages == null) {
      throw new InvalidConfigException("testLabels", "needs testImages");
    }
    if (labels != null && testImages != null && testLabels == null) {
      throw new InvalidConfigException("testLabels", "required: the train images have labels, so the test images need them too");
    }
    if (labels == null && testLabels != null) {
      throw new InvalidConfigException("labels", "required: the test images have labels, so the train images need them too");
    }
  }

  /**
   * Opens the files a config names, converting them into the cache on first use (again when a file
   * changes).
   *
   * @param reader the format's reader
   * @throws DatasetException naming the field and what was expected, for a missing or unreadable file
   */
  public DatasetSplits open(
      String images, String labels, String testImages, String testLabels, List<String> classNames,
      DatasetContext context, SplitReader reader) {
    if (images == null) {
      throw new DatasetException(
          "data.images: required for dataset type " + type + ": " + imageFile.replaceFirst("^an? ", "the "));
    }
    Path imagePath = SourceFiles.existingFile("data.images", images, imageFile);
    Path labelPath = labels == null ? null : SourceFiles.existingFile("data.labels", labels, labelFile);
    Path testImagePath = testImages == null ? null : SourceFiles.existingFile("data.testImages", testImages, imageFile);
    Path testLabelPath = testLabels == null ? null : SourceFiles.existingFile("data.testLabels", testLabels, labelFile);
    List<String> key = new ArrayList<>(List.of(type, "1"));
    for (Path file : new Path[] {imagePath, labelPath, testImagePath, testLabelPath}) {
      key.add(file == null ? "-" : SourceFiles.fingerprint(file));
    }
    key.add(String.join("\u0000", classNames));
    String name = type + "-" + SourceFiles.stem(imagePath);
    return new PreparedCache(context.cache()).open(name, type + ":" + imagePath, PreparedCache.key(key), writer -> {
      writer.classNames(classNames);
      reader.copy(writer, CacheWriter.TRAIN, imagePath, labelPath);
      if (testImagePath != null) {
        reader.copy(writer, CacheWriter.TEST, testImagePath, testLabelPath);
      }
    });
  }

  /**
   * Starts a split of {@code count} images of {@code shape}, with the labels read from {@code labelFile}
   * (null for none): checks that there is one label per image and that the disk can hold them.
   *
   * @return adds image {@code index} (with its label)
   */
  public static ImageAdder startSplit(
      CacheWriter writer, String split, int count, ImageShape shape, Path images, byte[] labels, Path labelFile) {
    if (labels != null && labels.length != count) {
      throw new DatasetException(labelFile + ": " + labels.length + " labels, but " + images + " holds " + count + " images");
    }
    writer.requireSpace((long) count * shape.size());
    SplitWriter target = writer.split(split, shape, labels != null);
    return (index, image) -> {
      if (labels != null) {
        target.add(image, 0, Byte.toUnsignedInt(labels[index]));
      } else {
        target.add(image, 0);
      }
    };
  }

  /** Adds the images of a split, in order. */
  @FunctionalInterface
  public interface ImageAdder {
    void add(int index, byte[] image);
  }
}
