package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Images as unsigned bytes, with optional labels.
 *
 * <p>The arrays are shared, not copied: a dataset of 60,000 images is 47 MB, and {@link
 * BundledMnist} hands the same instance to every caller. Treat them as read-only. {@link
 * #equals(Object)} compares the array contents; {@link #hashCode()} leaves out the pixels to stay
 * cheap.
 *
 * @param name names the dataset in messages and provenance, for example {@code mnist-train}
 * @param shape the shape of every image
 * @param pixels {@code count * shape.size()} unsigned bytes, image after image, each row-major with
 *     channels last (HWC)
 * @param labels one unsigned byte per image, or {@code null} when the dataset is unlabelled
 * @param count the number of images
 */
public record ImageDataset(String name, ImageShape shape, byte[] pixels, byte[] labels, int count) {

  public ImageDataset {
    requireNonNull(name, "name is null");
    requireNonNull(shape, "shape is null");
    requireNonNull(pixels, "pixels is null");
    if (count < 0) {
      throw new DatasetException(name + ": image count must not be negative, got " + count);
    }
    if (pixels.length != (long) count * shape.size()) {
      throw new DatasetException(
          name + ": " + count + " images of " + shape + " need " + (long) count * shape.size()
              + " pixel bytes, got " + pixels.length);
    }
    if (labels != null && labels.length != count) {
      throw new DatasetException(name + ": " + count + " images but " + labels.length + " labels");
    }
  }

  /**
   * Reads an IDX image file and its IDX label file, raw or gzip-compressed.
   *
   * @throws DatasetException if either file is invalid or their counts differ
   */
  public static ImageDataset fromIdx(String name, Path images, Path labels) {
    requireNonNull(name, "name is null");
    requireNonNull(images, "images is null");
    requireNonNull(labels, "labels is null");
    return labelled(
        name,
        IdxReader.readImages(images),
        images.getFileName().toString(),
        IdxReader.readLabels(labels),
        labels.getFileName().toString());
  }

  /**
   * Reads IDX images and IDX labels from two streams, raw or gzip-compressed. The streams are read
   * to their end and left open.
   *
   * @param imagesSource names the image stream in error messages, usually its file name
   * @param labelsSource names the label stream in error messages, usually its file name
   * @throws DatasetException if either stream is invalid or their counts differ
   */
  public static ImageDataset fromIdx(
      String name, InputStream images, String imagesSource, InputStream labels, String labelsSource) {
    requireNonNull(name, "name is null");
    return labelled(
        name,
        IdxReader.readImages(images, imagesSource),
        imagesSource,
        IdxReader.readLabels(labels, labelsSource),
        labelsSource);
  }

  private static ImageDataset labelled(
      String name, ImageDataset images, String imagesSource, byte[] labels, String labelsSource) {
    if (labels.length != images.count()) {
      throw new DatasetException(
          name + ": " + images.count() + " images in " + imagesSource + " but " + labels.length
              + " labels in " + labelsSource);
    }
    return new ImageDataset(name, images.shape(), images.pixels(), labels, images.count());
  }

  /** Whether every image has a label. */
  public boolean labelled() {
    return labels != null;
  }

  /**
   * The number of classes the labels name: one more than the largest label, so labels run from 0 to
   * {@code classCount() - 1}; 0 when the dataset is unlabelled.
   */
  public int classCount() {
    int largest = -1;
    if (labels != null) {
      for (byte label : labels) {
        largest = Math.max(largest, Byte.toUnsignedInt(label));
      }
    }
    return largest + 1;
  }

  /**
   * The label of image {@code index}, 0 to 255.
   *
   * @throws IllegalStateException if the dataset is unlabelled
   */
  public int label(int index) {
    if (labels == null) {
      throw new IllegalStateException(name + " is unlabelled");
    }
    return Byte.toUnsignedInt(labels[Objects.checkIndex(index, count)]);
  }

  /** The first {@code limit} images (and their labels), copied; this dataset if it has no more. */
  public ImageDataset slice(int limit) {
    if (limit < 0 || limit > count) {
      throw new IllegalArgumentException(
          "limit must be between 0 and " + count + " (the size of " + name + "), got " + limit);
    }
    if (limit == count) {
      return this;
    }
    return new ImageDataset(
        name,
        shape,
        Arrays.copyOf(pixels, limit * shape.size()),
        labels == null ? null : Arrays.copyOf(labels, limit),
        limit);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageDataset that
        && count == that.count
        && name.equals(that.name)
        && shape.equals(that.shape)
        && Arrays.equals(labels, that.labels)
        && Arrays.equals(pixels, that.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, shape, count, Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "ImageDataset[" + name + ": " + count + " images of " + shape
        + (labels == null ? ", unlabelled]" : ", labelled]");
  }
}
