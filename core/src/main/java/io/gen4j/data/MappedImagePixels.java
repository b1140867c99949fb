package io.gen4j.data;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Pixels in a file of unsigned bytes, image after image, mapped into memory read-only: the operating
 * system pages them in and out, so a dataset can be larger than the heap and than the 2 GB of one
 * array or one mapping. The file is mapped in chunks of whole images, each below 2 GB.
 */
final class MappedImagePixels implements ImagePixels {

  /** The largest chunk one {@link MappedByteBuffer} maps. */
  static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE;

  private final int count;
  private final int imageSize;
  private final int imagesPerChunk;
  private final MappedByteBuffer[] chunks;

  /**
   * @param file holds exactly {@code count * imageSize} bytes
   * @param maxChunkBytes the most bytes one mapping holds; {@link #MAX_CHUNK_BYTES} but in tests
   * @throws DatasetException if the file is missing, unreadable or of another length
   */
  MappedImagePixels(Path file, int count, int imageSize, long maxChunkBytes) {
    if (imageSize < 1 || count < 0) {
      throw new IllegalArgumentException("image size must be at least 1 and count not negative");
    }
    if (maxChunkBytes < imageSize) {
      throw new IllegalArgumentException("a chunk must hold at least one image of " + imageSize + " bytes");
    }
    this.count = count;
    this.imageSize = imageSize;
    this.imagesPerChunk = (int) Math.min(Integer.MAX_VALUE, maxChunkBytes / imageSize);
    long expected = (long) count * imageSize;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() != expected) {
        throw new DatasetException(
            file + ": holds " + channel.size() + " bytes, expected " + expected + " (" + count + " images of "
                + imageSize + " bytes)");
      }
      int chunkCount = count == 0 ? 0 : (count - 1) / imagesPerChunk + 1;
      chunks = new MappedByteBuffer[chunkCount];
      for (int chunk = 0; chunk < chunkCount; chunk++) {
        long first = (long) chunk * imagesPerChunk;
        long images = Math.min(imagesPerChunk, count - first);
        chunks[chunk] = channel.map(FileChannel.MapMode.READ_ONLY, first * imageSize, images * imageSize);
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot map: " + e.getMessage(), e);
    }
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
    Objects.checkIndex(index, count);
    chunks[index / imagesPerChunk].get((index % imagesPerChunk) * imageSize, target, offset, imageSize);
  }
}
