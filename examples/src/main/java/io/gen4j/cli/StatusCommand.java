package io.gen4j.cli;

import io.gen4j.report.RunStatus;
import io.gen4j.train.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j status RUN_DIR...}: where each run stands, one line each. */
@Command(name = "status", description = "Show where runs stand: training, finished, failed, or interrupted (the process"
    + " that trained it is gone; gen4j train --resume continues it).")
final class StatusCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories.")
  private List<Path> runs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Path path : runs) {
      RunDirectory run = RunDirectory.open(path);
      out.printf("%s: %s%n", run.path(), RunStatus.read(run.statusFile()).describe());
    }
    out.flush();
    return 0;
  }
}
