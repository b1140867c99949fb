package io.gen4j.data.download;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.spi.TaskProgress;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The download folder of one named dataset, {@code DOWNLOADS/NAME/}: which of its files are there,
 * fetching the missing ones, importing files obtained elsewhere, and checking files before they are
 * used.
 */
public final class DatasetDownloads {

  private final Path directory;
  private final NamedDataset dataset;

  /** @param downloads the folder of all named datasets, {@code $GEN4J_HOME/datasets} */
  public DatasetDownloads(Path downloads, NamedDataset dataset) {
    this.dataset = requireNonNull(dataset, "dataset is null");
    this.directory = requireNonNull(downloads, "downloads is null").resolve(dataset.name());
  }

  /** The dataset's folder. */
  public Path directory() {
    return directory;
  }

  /** Where a file of the dataset is kept. */
  public Path path(RemoteFile file) {
    return directory.resolve(file.name());
  }

  /** The files that are there. */
  public List<RemoteFile> present() {
    return dataset.files().stream().filter(file -> Files.isRegularFile(path(file))).toList();
  }

  /** Bytes of the files that are there. */
  public long bytesPresent() {
    long bytes = 0;
    for (RemoteFile file : present()) {
      try {
        bytes += Files.size(path(file));
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    return bytes;
  }

  /** The URL of a file under a base URL: {@code BASE/FILE}. */
  static String url(String base, RemoteFile file) {
    return (base.endsWith("/") ? base : base + "/") + file.name();
  }

  /**
   * Downloads every file that is not there yet from {@code base} (the official base, or {@code
   * MIRROR/NAME}).
   *
   * @return every file's path
   */
  public Map<RemoteFile, Path> fetchMissing(String base, Downloader downloader, TaskProgress.Factory progress) {
    Map<RemoteFile, Path> paths = new LinkedHashMap<>();
    for (RemoteFile file : dataset.files()) {
      Path path = path(file);
      if (!Files.isRegularFile(path)) {
        downloader.download(dataset.name(), url(base, file), file, path, progress);
      }
      paths.put(file, path);
    }
    return paths;
  }

  /**
   * Checks a file before it is read: it must be the file as served, or hold its content. A file that is
   * neither is deleted.
   *
   * @throws DatasetException naming the file and what to do if it does not match
   */
  public void verify(RemoteFile file) {
    Path path = path(file);
    try {
      if (FileDigests.match(path, file) == FileDigests.Match.NONE) {
        Files.deleteIfExists(path);
        throw new DatasetException(path + ": does not match the SHA-256 of " + dataset.name() + "'s " + file.name()
            + " (" + file.sha256() + "); the file was removed: run `gen4j data fetch " + dataset.name()
            + "` again, or import a good copy with `gen4j data import " + dataset.name() + " FILE`");
      }
    } catch (IOException e) {
      throw new DatasetException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Imports files obtained elsewhere: each must be one of the dataset's files as served, or hold the
   * same content (decompressed, or compressed otherwise, when its checksum is known). All are checked
   * before any is copied; each is copied beside its place and renamed into it.
   *
   * @return the dataset's files that were imported, in the order given
   * @throws DatasetException naming the first file that is missing or matches none of the dataset's
   */
  public List<RemoteFile> importFiles(List<Path> files) {
    Map<Path, RemoteFile> matched = new LinkedHashMap<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new DatasetException(file + ": no such file");
      }
      matched.put(file, identify(file));
    }
    List<RemoteFile> imported = new ArrayList<>();
    for (Map.Entry<Path, RemoteFile> entry : matched.entrySet()) {
      Path target = path(entry.getValue());
      try {
        Files.createDirectories(directory);
        Path temporary = target.resolveSibling(target.getFileName() + ".importing");
        Files.copy(entry.getKey(), temporary, StandardCopyOption.REPLACE_EXISTING);
        try {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new DatasetException(target + ": cannot import " + entry.getKey() + ": " + e.getMessage(), e);
      }
      imported.add(entry.getValue());
    }
    return imported;
  }

  private RemoteFile identify(Path file) {
    try {
      for (RemoteFile remote : dataset.files()) {
        if (FileDigests.match(file, remote) != FileDigests.Match.NONE) {
          return remote;
        }
      }
      throw new DatasetException(file + ": SHA-256 " + FileDigests.sha256(file) + " matches none of " + dataset.name()
          + "'s files (" + dataset.files().stream().map(RemoteFile::name).collect(Collectors.joining(", "))
          + "); expected the files as published, or their content uncompressed or compressed otherwise");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
