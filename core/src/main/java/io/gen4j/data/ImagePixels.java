package io.gen4j.data;

/**
 * Where the pixels of a dataset live: {@link #count()} images of {@link #imageSize()} unsigned bytes
 * each, read by index. Implementations are safe for concurrent reads.
 */
interface ImagePixels {

  /** The number of images. */
  int count();

  /** Bytes per image. */
  int imageSize();

  /** Copies image {@code index} into {@code target} from {@code offset} on. */
  void read(int index, byte[] target, int offset);
}
