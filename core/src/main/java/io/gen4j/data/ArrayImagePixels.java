package io.gen4j.data;

import java.util.Objects;

/** Pixels in one Java array (at most 2 GB): bundled MNIST and small datasets built in memory. */
final class ArrayImagePixels implements ImagePixels {

  private final byte[] pixels;
  private final int count;
  private final int imageSize;

  ArrayImagePixels(byte[] pixels, int count, int imageSize) {
    this.pixels = pixels;
    this.count = count;
    this.imageSize = imageSize;
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public void read(int index, byte[] target, int offset) {
    System.arraycopy(pixels, Objects.checkIndex(index, count) * imageSize, target, offset, imageSize);
  }
}
