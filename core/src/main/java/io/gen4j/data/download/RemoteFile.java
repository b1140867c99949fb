package io.gen4j.data.download;

import static java.util.Objects.requireNonNull;

/**
 * One file of a named dataset as its publisher serves it.
 *
 * @param name the file name, under the dataset's base URL and in its download folder
 * @param size its size in bytes
 * @param sha256 the SHA-256 of the file as served
 * @param contentSha256 for a gzip file, the SHA-256 of its decompressed content (the same data in
 *     another gzip wrapping, or uncompressed, is accepted on import), or {@code null}
 */
public record RemoteFile(String name, long size, String sha256, String contentSha256) {

  public RemoteFile {
    requireNonNull(name, "name is null");
    requireNonNull(sha256, "sha256 is null");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("a file name must be letters, digits, '.', '_' or '-', got " + name);
    }
    if (!sha256.matches("[0-9a-f]{64}") || (contentSha256 != null && !contentSha256.matches("[0-9a-f]{64}"))) {
      throw new IllegalArgumentException(name + ": SHA-256 sums must be 64 lower-case hex digits");
    }
    if (size < 0) {
      throw new IllegalArgumentException(name + ": size must not be negative, got " + size);
    }
  }

  /** A file checked by its own checksum only. */
  public static RemoteFile of(String name, long size, String sha256) {
    return new RemoteFile(name, size, sha256, null);
  }
}
