package io.gen4j.data.download;

import io.gen4j.data.DatasetException;
import io.gen4j.data.GzipMember;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** SHA-256 sums of files, and of the content of gzip files. */
final class FileDigests {

  private static final int BUFFER_SIZE = 1 << 16;

  private FileDigests() {}

  /** The hex SHA-256 of a file's bytes. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** The hex SHA-256 of a gzip file's decompressed content, or empty if it is not gzip (or corrupt). */
  static Optional<String> gzipContentSha256(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (!gzip) {
        return Optional.empty();
      }
      try (InputStream content = new GzipMember(raw, file.toString())) {
        return Optional.of(sha256(content));
      } catch (IOException | DatasetException e) {
        return Optional.empty();
      }
    }
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int read; (read = in.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, read);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** How a local file relates to a remote one. */
  enum Match {
    /** The file as served. */
    SAME_FILE,
    /** The same content, compressed otherwise or not at all. */
    SAME_CONTENT,
    /** Something else. */
    NONE
  }

  /** Whether a local file is the remote file, or holds its content. */
  static Match match(Path file, RemoteFile remote) throws IOException {
    String sha256 = sha256(file);
    if (sha256.equals(remote.sha256())) {
      return Match.SAME_FILE;
    }
    if (remote.contentSha256() != null) {
      if (sha256.equals(remote.contentSha256())) {
        return Match.SAME_CONTENT;
      }
      Optional<String> content = gzipContentSha256(file);
      if (content.isPresent() && content.get().equals(remote.contentSha256())) {
        return Match.SAME_CONTENT;
      }
    }
    return Match.NONE;
  }
}
