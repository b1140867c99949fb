package io.gen4j.data.download;

import io.gen4j.data.DatasetException;
import io.gen4j.data.cache.PreparedCache;
import java.nio.file.Path;

/** The CIFAR-10 archive reader, for the fuzz test outside this package. */
public final class DownloadFuzzing {

  private DownloadFuzzing() {}

  /** A small CIFAR-10 binary archive in the publisher's layout: two train batches and a test batch. */
  public static byte[] cifarArchiveSeed() {
    return ArchiveDatasetTest.cifarArchive();
  }

  /**
   * Reads a CIFAR-10 binary archive into a new cache entry under {@code cache}.
   *
   * @param key a key of its own for each archive, so none is read from an earlier entry
   * @throws DatasetException naming the archive and what is wrong with it
   */
  public static void readCifarArchive(Path archive, Path cache, String key) {
    new PreparedCache(cache).open("cifar-fuzz", "cifar-fuzz", key, writer -> Cifar10Provider.readArchive(archive, writer));
  }
}
