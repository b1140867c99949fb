package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link DatasetProvider} may use when it opens a dataset: where downloads and caches live, a
 * mirror for downloads, and a way to show progress.
 */
public final class DatasetContext {

  private final Path downloads;
  private final Path cache;
  private final Optional<String> mirror;
  private final TaskProgress.Factory progress;

  /**
   * @param downloads where downloaded and imported dataset files are kept, one folder per dataset
   * @param cache where decoded datasets are cached (anything gen4j can rebuild)
   * @param mirror a base URL that serves every named dataset's files as {@code BASE/NAME/FILE}, or
   *     empty for the official sites
   * @param progress shows the progress of long tasks
   */
  public DatasetContext(Path downloads, Path cache, Optional<String> mirror, TaskProgress.Factory progress) {
    this.downloads = requireNonNull(downloads, "downloads is null");
    this.cache = requireNonNull(cache, "cache is null");
    this.mirror = requireNonNull(mirror, "mirror is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** Where downloaded and imported dataset files are kept: {@code $GEN4J_HOME/datasets}. */
  public Path downloads() {
    return downloads;
  }

  /** Where decoded datasets are cached: {@code $GEN4J_CACHE/datasets}. */
  public Path cache() {
    return cache;
  }

  /** The mirror base URL from the environment ({@code GEN4J_MIRROR}), if one is set. */
  public Optional<String> mirror() {
    return mirror;
  }

  /** Starts showing the progress of a long task. */
  public TaskProgress progress(String task, long total, String unit) {
    return progress.start(task, total, unit);
  }

  /** This context with another mirror. */
  public DatasetContext withMirror(Optional<String> other) {
    return new DatasetContext(downloads, cache, other, progress);
  }
}
