package io.gen4j.testing;

import io.gen4j.Gen4j;
import io.gen4j.bench.BenchTable;
import io.gen4j.bench.BenchTask;
import io.gen4j.data.BundledMnist;
import java.nio.file.Path;

/**
 * A benchmark child process as {@code gen4j bench --worker} runs it, on a slice of MNIST: {@code
 * BenchTaskMain TASK_FILE}.
 */
public final class BenchTaskMain {

  private BenchTaskMain() {}

  public static void main(String[] args) {
    BenchTask.read(Path.of(args[0])).perform(Gen4j.create().catalog(), BundledMnist.train().slice(512),
        result -> System.out.print(BenchTable.row(result)));
  }
}
