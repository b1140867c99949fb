package io.gen4j.cli;

import java.io.IOException;

/** For a child process of gen4j's own (a sweep's run, a benchmark's process): ends it once its parent has gone. */
final class ParentWatch {

  private ParentWatch() {}

  /**
   * Ends this process when its standard input closes: the process that started it has gone. Checkpoints
   * are written to a temporary directory and renamed, so halting never corrupts them.
   */
  static void exitWhenGone() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; anything read is ignored
        }
      } catch (IOException e) {
        // the pipe broke: the parent has gone too
      }
      Runtime.getRuntime().halt(Gen4jCommand.FAILURE);
    }, "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
