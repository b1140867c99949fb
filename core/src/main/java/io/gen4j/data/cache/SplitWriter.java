package io.gen4j.data.cache;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.spi.ImageShape;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes one split of a cache entry: images appended one by one to a file of unsigned bytes, labels
 * kept beside, and the content checksum ({@link io.gen4j.data.ImageDataset#checksum()}) computed on the
 * way. Not thread-safe.
 */
public final class SplitWriter implements AutoCloseable {

  private static final int BUFFER_SIZE = 1 << 20;

  private final String split;
  private final ImageShape shape;
  private final boolean labelled;
  private final Path pixelFile;
  private final OutputStream pixels;
  private final ByteArrayOutputStream labels = new ByteArrayOutputStream();
  private final MessageDigest digest;
  private int count;
  private boolean closed;

  SplitWriter(String split, ImageShape shape, boolean labelled, Path pixelFile) throws IOException {
    this.split = requireNonNull(split, "split is null");
    this.shape = requireNonNull(shape, "shape is null");
    this.labelled = labelled;
    this.pixelFile = pixelFile;
    this.pixels = new BufferedOutputStream(Files.newOutputStream(pixelFile), BUFFER_SIZE);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The shape every image of this split has. */
  public ImageShape shape() {
    return shape;
  }

  /** Whether the split has labels. */
  public boolean labelled() {
    return labelled;
  }

  /** Images written so far. */
  public int count() {
    return count;
  }

  /** Appends an unlabelled image: {@code shape().size()} bytes of {@code image} from {@code offset}. */
  public void add(byte[] image, int offset) {
    if (labelled) {
      throw new IllegalStateException("the " + split + " split is labelled: give each image its label");
    }
    write(image, offset);
  }

  /** Appends a labelled image: {@code shape().size()} bytes of {@code image} from {@code offset}. */
  public void add(byte[] image, int offset, int label) {
    if (!labelled) {
      throw new IllegalStateException("the " + split + " split is unlabelled");
    }
    if (label < 0 || label > 255) {
      throw new IllegalArgumentException("labels must be between 0 and 255, got " + label);
    }
    write(image, offset);
    labels.write(label);
  }

  private void write(byte[] image, int offset) {
    if (closed) {
      throw new IllegalStateException("the " + split + " split is closed");
    }
    if (count == Integer.MAX_VALUE) {
      throw new DatasetException("the " + split + " split would hold more than " + Integer.MAX_VALUE + " images");
    }
    try {
      pixels.write(image, offset, shape.size());
    } catch (IOException e) {
      throw new DatasetException(pixelFile + ": cannot write the dataset cache: " + e.getMessage(), e);
    }
    digest.update(image, offset, shape.size());
    count++;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pixels.close();
    } catch (IOException e) {
      throw new DatasetException(pixelFile + ": cannot write the dataset cache: " + e.getMessage(), e);
    }
  }

  String split() {
    return split;
  }

  Path pixelFile() {
    return pixelFile;
  }

  byte[] labelBytes() {
    return labelled ? labels.toByteArray() : null;
  }

  /** The content checksum, once every image is written. */
  String checksum() {
    if (labelled) {
      digest.update(labels.toByteArray());
    }
    digest.update(ByteBuffer.allocate(5 * Integer.BYTES)
        .putInt(shape.height())
        .putInt(shape.width())
        .putInt(shape.channels())
        .putInt(count)
        .putInt(labelled ? 1 : 0)
        .array());
    return HexFormat.of().formatHex(digest.digest());
  }
}
