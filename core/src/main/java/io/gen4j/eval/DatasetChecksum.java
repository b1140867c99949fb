package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the content of datasets: for each, its image shape, image count, pixels and labels
 * (names are left out, so the same images under another name have the same checksum).
 */
public final class DatasetChecksum {

  private DatasetChecksum() {}

  /** The hex SHA-256 over the datasets, in order. */
  public static String sha256(ImageDataset... datasets) {
    MessageDigest digest = newDigest();
    for (ImageDataset dataset : datasets) {
      requireNonNull(dataset, "dataset is null");
      digest.update(ByteBuffer.allocate(5 * Integer.BYTES)
          .putInt(dataset.shape().height())
          .putInt(dataset.shape().width())
          .putInt(dataset.shape().channels())
          .putInt(dataset.count())
          .putInt(dataset.labelled() ? 1 : 0)
          .array());
      digest.update(dataset.pixels());
      if (dataset.labelled()) {
        digest.update(dataset.labels());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hex SHA-256 of some bytes. */
  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
