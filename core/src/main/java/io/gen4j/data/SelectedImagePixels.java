package io.gen4j.data;

import java.util.Objects;

/** A view of some images of other pixels, in a given order; nothing is copied. */
final class SelectedImagePixels implements ImagePixels {

  private final ImagePixels source;
  private final int[] indices;

  /** @param indices positions in {@code source}, each checked */
  SelectedImagePixels(ImagePixels source, int[] indices) {
    this.source = source;
    for (int index : indices) {
      Objects.checkIndex(index, source.count());
    }
    this.indices = indices.clone();
  }

  @Override
  public int count() {
    return indices.length;
  }

  @Override
  public int imageSize() {
    return source.imageSize();
  }

  @Override
  public void read(int index, byte[] target, int offset) {
    source.read(indices[Objects.checkIndex(index, indices.length)], target, offset);
  }
}
