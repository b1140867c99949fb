package io.gen4j.data;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageShape;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Images as unsigned bytes, with optional labels and class names. Immutable.
 *
 * <p>The pixels live in one Java array (as for the bundled MNIST), or in a memory-mapped cache file
 * of any size ({@link #mapped}); they are read image by image ({@link #readImage}), never all at
 * once, and never as floats. {@link #slice} and {@link #select} are views that copy no pixels.
 *
 * <p>{@link #checksum()} identifies the content: the SHA-256 of the pixels, the labels, the shape and
 * the count (names and class names are left out). A view's checksum is derived from its source's and
 * the images it selects, so it is cheap for a dataset of any size. {@link #equals(Object)} compares
 * names, shapes, labels and pixels; {@link #hashCode()} leaves out the pixels to stay cheap.
 */
public final class ImageDataset {

  /** Images read at a time when the content is hashed or compared. */
  private static final int STREAM_IMAGES = 256;

  private final String name;
  private final ImageShape shape;
  private final ImagePixels pixels;
  private final byte[] labels;
  private final List<String> classNames;
  private final Derivation derivation;
  private volatile String checksum;

  /** How a view was made from its source, for its checksum. */
  private record Derivation(ImageDataset source, String selection) {}

  /**
   * A dataset over one array of pixels.
   *
   * @param name names the dataset in messages, provenance and cache entries, for example {@code
   *     mnist-train}
   * @param shape the shape of every image
   * @param pixels {@code count * shape.size()} unsigned bytes, image after image, each row-major with
   *     channels last (HWC); shared, not copied: treat it as read-only
   * @param labels one unsigned byte per image, or {@code null} when the dataset is unlabelled
   * @param count the number of images
   * @throws DatasetException if the lengths do not match
   */
  public ImageDataset(String name, ImageShape shape, byte[] pixels, byte[] labels, int count) {
    this(name, shape, arrayPixels(name, shape, pixels, count), labels, List.of(), null, null);
  }

  private ImageDataset(
      String name, ImageShape shape, ImagePixels pixels, byte[] labels, List<String> classNames, String checksum,
      Derivation derivation) {
    this.name = requireNonNull(name, "name is null");
    this.shape = requireNonNull(shape, "shape is null");
    this.pixels = requireNonNull(pixels, "pixels is null");
    this.classNames = List.copyOf(requireNonNull(classNames, "classNames is null"));
    if (labels != null && labels.length != pixels.count()) {
      throw new DatasetException(name + ": " + pixels.count() + " images but " + labels.length + " labels");
    }
    this.labels = labels;
    if (!this.classNames.isEmpty()) {
      if (labels == null) {
        throw new DatasetException(name + ": class names given for an unlabelled dataset");
      }
      for (int index = 0; index < labels.length; index++) {
        if (Byte.toUnsignedInt(labels[index]) >= this.classNames.size()) {
          throw new DatasetException(
              name + ": image " + index + " has label " + Byte.toUnsignedInt(labels[index]) + ", but there are only "
                  + this.classNames.size() + " class names");
        }
      }
    }
    this.checksum = checksum;
    this.derivation = derivation;
  }

  private static ImagePixels arrayPixels(String name, ImageShape shape, byte[] pixels, int count) {
    requireNonNull(name, "name is null");
    requireNonNull(shape, "shape is null");
    requireNonNull(pixels, "pixels is null");
    if (count < 0) {
      throw new DatasetException(name + ": image count must not be negative, got " + count);
    }
    if (pixels.length != (long) count * shape.size()) {
      throw new DatasetException(
          name + ": " + count + " images of " + shape + " need " + (long) count * shape.size()
              + " pixel bytes, got " + pixels.length);
    }
    return new ArrayImagePixels(pixels, count, shape.size());
  }

  /**
   * A dataset whose pixels are a file of {@code count * shape.size()} unsigned bytes, image after image
   * (HWC), mapped into memory rather than read into the heap.
   *
   * @param labels one unsigned byte per image, or {@code null}
   * @param classNames the name of each label, or empty
   * @param checksum the {@link #checksum()} if it is known (recorded when the file was written), else
   *     {@code null} to compute it when first asked for
   * @throws DatasetException if the file is missing or does not hold exactly that many bytes
   */
  public static ImageDataset mapped(
      String name, ImageShape shape, Path file, int count, byte[] labels, List<String> classNames, String checksum) {
    requireNonNull(shape, "shape is null");
    requireNonNull(file, "file is null");
    return new ImageDataset(
        name, shape, new MappedImagePixels(file, count, shape.size(), MappedImagePixels.MAX_CHUNK_BYTES), labels,
        classNames, checksum, null);
  }

  /** A file-backed dataset mapped in chunks of at most {@code maxChunkBytes}, for tests of chunking. */
  static ImageDataset mapped(String name, ImageShape shape, Path file, int count, long maxChunkBytes) {
    return new ImageDataset(
        name, shape, new MappedImagePixels(file, count, shape.size(), maxChunkBytes), null, List.of(), null, null);
  }

  /**
   * Reads an IDX image file and its IDX label file, raw or gzip-compressed.
   *
   * @throws DatasetException if either file is invalid or their counts differ
   */
  public static ImageDataset fromIdx(String name, Path images, Path labels) {
    requireNonNull(name, "name is null");
    requireNonNull(images, "images is null");
    requireNonNull(labels, "labels is null");
    return labelled(
        name,
        IdxReader.readImages(images),
        images.getFileName().toString(),
        IdxReader.readLabels(labels),
        labels.getFileName().toString());
  }

  /**
   * Reads IDX images and IDX labels from two streams, raw or gzip-compressed. The streams are read
   * to their end and left open.
   *
   * @param imagesSource names the image stream in error messages, usually its file name
   * @param labelsSource names the label stream in error messages, usually its file name
   * @throws DatasetException if either stream is invalid or their counts differ
   */
  public static ImageDataset fromIdx(
      String name, InputStream images, String imagesSource, InputStream labels, String labelsSource) {
    requireNonNull(name, "name is null");
    return labelled(
        name,
        IdxReader.readImages(images, imagesSource),
        imagesSource,
        IdxReader.readLabels(labels, labelsSource),
        labelsSource);
  }

  private static ImageDataset labelled(
      String name, ImageDataset images, String imagesSource, byte[] labels, String labelsSource) {
    if (labels.length != images.count()) {
      throw new DatasetException(
          name + ": " + images.count() + " images in " + imagesSource + " but " + labels.length
              + " labels in " + labelsSource);
    }
    return new ImageDataset(name, images.shape, images.pixels, labels, List.of(), null, null);
  }

  /** Names the dataset in messages, provenance and cache entries, for example {@code mnist-train}. */
  public String name() {
    return name;
  }

  /** The shape of every image. */
  public ImageShape shape() {
    return shape;
  }

  /** The number of images. */
  public int count() {
    return pixels.count();
  }

  /** Whether every image has a label. */
  public boolean labelled() {
    return labels != null;
  }

  /**
   * The label of image {@code index}, 0 to 255.
   *
   * @throws IllegalStateException if the dataset is unlabelled
   */
  public int label(int index) {
    if (labels == null) {
      throw new IllegalStateException(name + " is unlabelled");
    }
    return Byte.toUnsignedInt(labels[Objects.checkIndex(index, count())]);
  }

  /**
   * The labels, one unsigned byte per image, as a new array.
   *
   * @throws IllegalStateException if the dataset is unlabelled
   */
  public byte[] labels() {
    if (labels == null) {
      throw new IllegalStateException(name + " is unlabelled");
    }
    return labels.clone();
  }

  /**
   * The name of each label ({@code classNames().get(label)}), or an empty list when the dataset is
   * unlabelled or its labels have no names.
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * The number of classes: the number of class names if there are any, else one more than the highest
   * label; 0 when unlabelled.
   */
  public int classCount() {
    if (!classNames.isEmpty()) {
      return classNames.size();
    }
    if (labels == null) {
      return 0;
    }
    int highest = -1;
    for (byte label : labels) {
      highest = Math.max(highest, Byte.toUnsignedInt(label));
    }
    return highest + 1;
  }

  /** This dataset under another name; the pixels are shared. */
  public ImageDataset withName(String other) {
    return new ImageDataset(other, shape, pixels, labels, classNames, checksum, derivation);
  }

  /**
   * This dataset with names for its labels.
   *
   * @throws DatasetException if it is unlabelled or has a label with no name
   */
  public ImageDataset withClassNames(List<String> names) {
    return new ImageDataset(name, shape, pixels, labels, names, checksum, derivation);
  }

  /**
   * Copies image {@code index} ({@code shape().size()} unsigned bytes, HWC) into {@code target} from
   * {@code offset} on. Safe to call from several threads.
   */
  public void readImage(int index, byte[] target, int offset) {
    requireNonNull(target, "target is null");
    Objects.checkFromIndexSize(offset, shape.size(), target.length);
    pixels.read(index, target, offset);
  }

  /**
   * Every pixel, image after image (HWC), copied into one new array: for small datasets and tests.
   * Training and evaluation read image by image instead ({@link #readImage}).
   *
   * @throws DatasetException if the pixels do not fit in one Java array (2 GB)
   */
  public byte[] pixels() {
    long length = (long) count() * shape.size();
    if (length > Integer.MAX_VALUE - 8) {
      throw new DatasetException(name + ": " + length + " pixel bytes do not fit in one array; read them image by image");
    }
    byte[] all = new byte[(int) length];
    for (int index = 0; index < count(); index++) {
      pixels.read(index, all, index * shape.size());
    }
    return all;
  }

  /** Image {@code index} as a new array of {@code shape().size()} unsigned bytes (HWC). */
  public byte[] image(int index) {
    byte[] image = new byte[shape.size()];
    pixels.read(index, image, 0);
    return image;
  }

  /** The first {@code limit} images (and their labels) as a view; this dataset if it has no more. */
  public ImageDataset slice(int limit) {
    if (limit < 0 || limit > count()) {
      throw new IllegalArgumentException(
          "limit must be between 0 and " + count() + " (the size of " + name + "), got " + limit);
    }
    if (limit == count()) {
      return this;
    }
    return new ImageDataset(name, shape, new LeadingImagePixels(pixels, limit),
        labels == null ? null : Arrays.copyOf(labels, limit), classNames, null, new Derivation(this, "first " + limit));
  }

  /**
   * The images at {@code indices}, in that order, as a view named {@code viewName}.
   *
   * @throws IndexOutOfBoundsException if an index is not an image of this dataset
   */
  public ImageDataset select(String viewName, int[] indices) {
    requireNonNull(viewName, "viewName is null");
    requireNonNull(indices, "indices is null");
    byte[] selectedLabels = null;
    if (labels != null) {
      selectedLabels = new byte[indices.length];
      for (int i = 0; i < indices.length; i++) {
        selectedLabels[i] = labels[Objects.checkIndex(indices[i], count())];
      }
    }
    ByteBuffer indexBytes = ByteBuffer.allocate(indices.length * Integer.BYTES);
    indexBytes.asIntBuffer().put(indices);
    String selection = HexFormat.of().formatHex(digest().digest(indexBytes.array()));
    return new ImageDataset(viewName, shape, new SelectedImagePixels(pixels, indices), selectedLabels, classNames, null,
        new Derivation(this, "indices " + selection));
  }

  /**
   * The hex SHA-256 that identifies this dataset's content (see the class comment), computed once.
   */
  public String checksum() {
    String known = checksum;
    if (known == null) {
      known = derivation != null
          ? hex(digest().digest(("gen4j-view\n" + derivation.source().checksum() + "\n" + derivation.selection())
              .getBytes(StandardCharsets.UTF_8)))
          : contentChecksum();
      checksum = known;
    }
    return known;
  }

  /**
   * One checksum for several datasets, in order (a dataset's train and test split, say): the dataset's
   * own {@link #checksum()} for one, else the SHA-256 of theirs.
   */
  public static String checksum(ImageDataset... datasets) {
    if (datasets.length == 1) {
      return requireNonNull(datasets[0], "dataset is null").checksum();
    }
    MessageDigest digest = digest();
    for (ImageDataset dataset : datasets) {
      digest.update((requireNonNull(dataset, "dataset is null").checksum() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return hex(digest.digest());
  }

  private String contentChecksum() {
    MessageDigest digest = digest();
    forEachChunk((buffer, length) -> digest.update(buffer, 0, length));
    if (labels != null) {
      digest.update(labels);
    }
    digest.update(ByteBuffer.allocate(5 * Integer.BYTES)
        .putInt(shape.height())
        .putInt(shape.width())
        .putInt(shape.channels())
        .putInt(count())
        .putInt(labels != null ? 1 : 0)
        .array());
    return hex(digest.digest());
  }

  /** Reads the pixels in chunks of whole images, in order. */
  private void forEachChunk(ChunkConsumer consumer) {
    int size = shape.size();
    int perChunk = Math.max(1, Math.min(STREAM_IMAGES, (1 << 24) / size));
    byte[] buffer = new byte[perChunk * size];
    for (int first = 0; first < count(); first += perChunk) {
      int images = Math.min(perChunk, count() - first);
      for (int image = 0; image < images; image++) {
        pixels.read(first + image, buffer, image * size);
      }
      consumer.accept(buffer, images * size);
    }
  }

  private interface ChunkConsumer {
    void accept(byte[] buffer, int length);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ImageDataset that)
        || count() != that.count()
        || !name.equals(that.name)
        || !shape.equals(that.shape)
        || !classNames.equals(that.classNames)
        || !Arrays.equals(labels, that.labels)) {
      return false;
    }
    byte[] mine = new byte[shape.size()];
    byte[] theirs = new byte[shape.size()];
    for (int index = 0; index < count(); index++) {
      pixels.read(index, mine, 0);
      that.pixels.read(index, theirs, 0);
      if (!Arrays.equals(mine, theirs)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, shape, count(), Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "ImageDataset[" + name + ": " + count() + " images of " + shape
        + (labels == null ? ", unlabelled]" : ", labelled]");
  }
}
