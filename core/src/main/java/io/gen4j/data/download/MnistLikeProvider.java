package io.gen4j.data.download;

import io.gen4j.data.cache.CacheWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A named dataset published as MNIST is: four gzip IDX files, {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}.
 */
abstract class MnistLikeProvider extends NamedDatasetProvider {

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  /** The four files' names, in the order {@link #files} takes their sizes and checksums. */
  static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  MnistLikeProvider(NamedDataset dataset, Downloader downloader) {
    super(dataset, downloader);
  }

  @Override
  protected void read(Map<RemoteFile, Path> files, CacheWriter writer) {
    NamedDataset dataset = dataset();
    IdxArchiveReader.copy(writer, CacheWriter.TRAIN, source(files, dataset.file(TRAIN_IMAGES)),
        source(files, dataset.file(TRAIN_LABELS)), UnaryOperator.identity());
    IdxArchiveReader.copy(writer, CacheWriter.TEST, source(files, dataset.file(TEST_IMAGES)),
        source(files, dataset.file(TEST_LABELS)), UnaryOperator.identity());
  }

  private static IdxArchiveReader.Source source(Map<RemoteFile, Path> files, RemoteFile file) {
    Path path = files.get(file);
    return new IdxArchiveReader.Source() {
      @Override
      public String name() {
        return path.toString();
      }

      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(path);
      }
    };
  }
}
