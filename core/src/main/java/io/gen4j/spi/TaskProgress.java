package io.gen4j.spi;

/**
 * Progress of one long task (a download, decoding a folder), shown as a progress bar on a terminal or
 * as log lines. Close it when the task ends, whether it succeeded or not.
 */
public interface TaskProgress extends AutoCloseable {

  /** Adds {@code amount} units to the work done. */
  void advance(long amount);

  @Override
  void close();

  /** Starts showing the progress of tasks. */
  @FunctionalInterface
  interface Factory {

    /**
     * @param task what is being done, e.g. "decoding /data/emoji"
     * @param total units of work in all, or -1 if unknown
     * @param unit what a unit is, e.g. "images" or "bytes"
     */
    TaskProgress start(String task, long total, String unit);
  }

  /** Shows nothing. */
  Factory SILENT = (task, total, unit) -> new TaskProgress() {
    @Override
    public void advance(long amount) {}

    @Override
    public void close() {}
  };
}
