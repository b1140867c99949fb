package io.gen4j.data;

import java.util.Objects;

/** A view of the first images of other pixels; nothing is copied. */
final class LeadingImagePixels implements ImagePixels {

  private final ImagePixels source;
  private final int count;

  LeadingImagePixels(ImagePixels source, int count) {
    if (count < 0 || count > source.count()) {
      throw new IllegalArgumentException("count must be between 0 and " + source.count() + ", got " + count);
    }
    this.source = source;
    this.count = count;
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public int imageSize() {
    return source.imageSize();
  }

  @Override
  public void read(int index, byte[] target, int offset) {
    source.read(Objects.checkIndex(index, count), target, offset);
  }
}
