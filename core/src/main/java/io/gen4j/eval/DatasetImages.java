package io.gen4j.eval;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;

/** Dataset images as batches with values in [0, 1]. */
final class DatasetImages {

  private DatasetImages() {}

  /** Every image of the dataset. */
  static ImageBatch all(ImageDataset dataset) {
    int[] indices = new int[dataset.count()];
    java.util.Arrays.setAll(indices, index -> index);
    return select(dataset, indices);
  }

  /** The images at {@code indices}, in that order. */
  static ImageBatch select(ImageDataset dataset, int[] indices) {
    int size = dataset.shape().size();
    byte[] pixels = new byte[size];
    float[] values = new float[indices.length * size];
    for (int i = 0; i < indices.length; i++) {
      dataset.readImage(indices[i], pixels, 0);
      for (int j = 0; j < size; j++) {
        values[i * size + j] = Byte.toUnsignedInt(pixels[j]) / 255f;
      }
    }
    return new ImageBatch(dataset.shape(), indices.length, values);
  }
}
