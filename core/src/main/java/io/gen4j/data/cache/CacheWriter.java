package io.gen4j.data.cache;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills a cache entry that is being built: its splits, class names and notes. */
public final class CacheWriter {

  /** The split every entry has. */
  public static final String TRAIN = "train";

  /** The split an entry has when its source has a test split. */
  public static final String TEST = "test";

  private final Path directory;
  private final Map<String, SplitWriter> splits = new LinkedHashMap<>();
  private List<String> classNames = List.of();

  CacheWriter(Path directory) {
    this.directory = directory;
  }

  /**
   * Starts a split ({@link #TRAIN} or {@link #TEST}) of images of one shape.
   *
   * @throws IllegalStateException if the split was started before
   */
  public SplitWriter split(String split, ImageShape shape, boolean labelled) {
    requireNonNull(split, "split is null");
    if (!split.equals(TRAIN) && !split.equals(TEST)) {
      throw new IllegalArgumentException("split must be " + TRAIN + " or " + TEST + ", got " + split);
    }
    if (splits.containsKey(split)) {
      throw new IllegalStateException("the " + split + " split was started before");
    }
    try {
      SplitWriter writer = new SplitWriter(split, shape, labelled, directory.resolve(split + ".pixels"));
      splits.put(split, writer);
      return writer;
    } catch (IOException e) {
      throw new DatasetException(directory + ": cannot write the dataset cache: " + e.getMessage(), e);
    }
  }

  /** Names the labels of every split. */
  public void classNames(List<String> names) {
    this.classNames = List.copyOf(names);
  }

  /**
   * Checks that the cache's file system has room for {@code bytes} more, before they are written.
   *
   * @throws DatasetException naming the folder and both sizes if it has not
   */
  public void requireSpace(long bytes) {
    try {
      long usable = Files.getFileStore(directory).getUsableSpace();
      if (usable < bytes) {
        throw new DatasetException(directory.getParent() + ": the dataset cache needs " + bytes
            + " bytes but only " + usable + " are free; free some space or set GEN4J_CACHE to a larger disk");
      }
    } catch (IOException e) {
      // The space cannot be told: writing will fail with a message of its own if it runs out.
    }
  }

  /** Writes a text file into the entry (a list of skipped files, say). */
  public void note(String fileName, String text) {
    try {
      Files.writeString(directory.resolve(fileName), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException(directory + ": cannot write " + fileName + ": " + e.getMessage(), e);
    }
  }

  Map<String, SplitWriter> splits() {
    return splits;
  }

  List<String> classNames() {
    return classNames;
  }
}
