package io.gen4j.eval;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;

/** Dataset images as batches with values in [0, 1]. */
final class DatasetImages {

  private DatasetImages() {}

  /** Every image of the dataset. */
  static ImageBatch all(ImageDataset dataset) {
    float[] values = new float[dataset.pixels().length];
    byte[] pixels = dataset.pixels();
    for (int i = 0; i < values.length; i++) {
      values[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
    }
    return new ImageBatch(dataset.shape(), dataset.count(), values);
  }

  /** The images at {@code indices}, in that order. */
  static ImageBatch select(ImageDataset dataset, int[] indices) {
    int size = dataset.shape().size();
    byte[] pixels = dataset.pixels();
    float[] values = new float[indices.length * size];
    for (int i = 0; i < indices.length; i++) {
      int offset = indices[i] * size;
      for (int j = 0; j < size; j++) {
        values[i * size + j] = Byte.toUnsignedInt(pixels[offset + j]) / 255f;
      }
    }
    return new ImageBatch(dataset.shape(), indices.length, values);
  }
}
