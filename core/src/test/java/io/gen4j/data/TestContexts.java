package io.gen4j.data;

import io.gen4j.spi.DatasetContext;
import io.gen4j.spi.TaskProgress;
import java.nio.file.Path;
import java.util.Optional;

/** Dataset contexts for tests: downloads and caches under a test's folder, no progress shown. */
public final class TestContexts {

  private TestContexts() {}

  /** Downloads in {@code folder/home/datasets}, caches in {@code folder/cache/datasets}, no mirror. */
  public static DatasetContext in(Path folder) {
    return new DatasetContext(
        folder.resolve("home").resolve(Gen4jDirectories.DATASETS),
        folder.resolve("cache").resolve(Gen4jDirectories.DATASETS),
        Optional.empty(),
        TaskProgress.SILENT);
  }
}
