package io.gen4j.testing;

import io.gen4j.train.RunDirectory;
import io.gen4j.train.RunLock;
import java.nio.file.Path;

/** Takes a run's lock in its own JVM and holds it until killed: {@code LockHolderMain RUN_DIR}. */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws InterruptedException {
    RunLock lock = RunLock.acquire(RunDirectory.open(Path.of(args[0])), message -> { });
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
    lock.close();
  }
}
