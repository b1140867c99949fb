package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 that identifies the content of datasets: {@link ImageDataset#checksum(ImageDataset...)}
 * (names are left out, so the same images under another name have the same checksum).
 */
public final class DatasetChecksum {

  private DatasetChecksum() {}

  /** The hex SHA-256 over the datasets, in order. */
  public static String sha256(ImageDataset... datasets) {
    requireNonNull(datasets, "datasets is null");
    return ImageDataset.checksum(datasets);
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
