package io.gen4j.data.download;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.CacheWriter;
import io.gen4j.data.cache.SplitWriter;
import io.gen4j.data.idx.IdxStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/** Reads the image and label streams of one split of an MNIST-like dataset into the cache. */
final class IdxArchiveReader {

  private IdxArchiveReader() {}

  /** Something that opens a stream anew, with the name it has in messages. */
  interface Source {
    String name();

    InputStream open() throws IOException;
  }

  /**
   * @param transform applied to each image before it is written (EMNIST's transpose), or identity
   */
  static void copy(CacheWriter writer, String split, Source images, Source labels, UnaryOperator<byte[]> transform) {
    byte[] labelBytes;
    try (InputStream in = labels.open()) {
      labelBytes = IdxStreams.readLabels(in, labels.name(), -1);
    } catch (IOException e) {
      throw new DatasetException(labels.name() + ": cannot read: " + e.getMessage(), e);
    }
    try (InputStream in = images.open()) {
      SplitWriter[] target = new SplitWriter[1];
      IdxStreams.readImages(in, images.name(), -1, header -> {
        if (labelBytes.length != header.count()) {
          throw new DatasetException(labels.name() + ": " + labelBytes.length + " labels, but " + images.name()
              + " holds " + header.count() + " images");
        }
        target[0] = writer.split(split, header.shape(), true);
        return (index, image) -> target[0].add(transform.apply(image), 0, Byte.toUnsignedInt(labelBytes[index]));
      });
    } catch (IOException e) {
      throw new DatasetException(images.name() + ": cannot read: " + e.getMessage(), e);
    }
  }
}
