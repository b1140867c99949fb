package io.gen4j.spark;

import static java.util.Objects.requireNonNull;

import io.gen4j.cli.Gen4jCommand;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.sweep.RunProcess;
import io.gen4j.sweep.RunResult;
import io.gen4j.sweep.SweepEvaluation;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One run of a sweep as a Spark task: on the executor, runs the run's {@link io.gen4j.sweep.RunWorker} in
 * a child JVM with as many TensorFlow threads as the task has cores ({@code spark.task.cpus}) and, where
 * Spark gave the task GPUs, only those visible to it; then reads the run's result from its directory and
 * returns it to the driver. A failed attempt throws, so Spark retries the task, and the retry resumes the
 * run from its latest checkpoint; the last allowed attempt returns the failure instead, so one run that
 * keeps failing does not stop the sweep.
 *
 * @param run the run's name
 * @param runDirectory the run's directory on the shared path, as every executor sees it
 * @param intraOpThreads the run's {@code training.threads.intraOp}; with {@code interOpThreads} 0 too, the
 *     task's cores
 * @param interOpThreads the run's {@code training.threads.interOp}
 * @param evaluation the sweep's evaluation settings, as JSON ({@link RunProcess#parseEvaluation})
 * @param maxAttempts Spark's attempts per task ({@code spark.task.maxFailures})
 */
public record RunTask(
    String run, String runDirectory, int intraOpThreads, int interOpThreads, String evaluation, int maxAttempts)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The environment variable that limits the GPUs CUDA (and so TensorFlow) sees. */
  static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

  public RunTask {
    requireNonNull(run, "run is null");
    requireNonNull(runDirectory, "runDirectory is null");
    requireNonNull(evaluation, "evaluation is null");
  }

  /** Runs the run on this executor; called by Spark. */
  public RunResult execute() throws InterruptedException {
    TaskContext context = TaskContext.get();
    int cpus = context == null ? 1 : context.cpus();
    int attempt = context == null ? 0 : context.attemptNumber();
    ThreadsConfig configured = new ThreadsConfig(intraOpThreads, interOpThreads);
    ThreadsConfig threads = configured.automatic() ? new ThreadsConfig(cpus, cpus) : configured;
    Map<String, String> environment = new HashMap<>();
    if (context != null) {
      ResourceInformation gpus = CollectionConverters.asJava(context.resources()).get("gpu");
      if (gpus != null) {
        environment.put(CUDA_VISIBLE_DEVICES, String.join(",", gpus.addresses()));
      }
    }
    RunProcess process = new RunProcess(
        RunProcess.javaCommand(childClassPath(), Gen4jCommand.class.getName(), List.of("sweep", "--worker")),
        environment);
    Path directory = Path.of(runDirectory);
    SweepEvaluation settings = RunProcess.parseEvaluation(evaluation);
    int status = process.run(directory, threads, settings, child -> {});
    RunResult result = RunResult.read(directory, settings);
    if (status == 0 && result.state() == RunResult.State.FINISHED) {
      return result;
    }
    String why = "run " + run + " failed on attempt " + (attempt + 1) + " of " + maxAttempts + " (exit status " + status
        + "): " + RunProcess.lastLogLine(directory).orElse("no output");
    if (attempt + 1 < maxAttempts) {
      throw new IllegalStateException(why + "; Spark retries it, resuming from its latest checkpoint");
    }
    return new RunResult(result.run(), RunResult.State.FAILED, result.metrics(), why);
  }

  /**
   * The class path of the child JVM: the jar these classes came from (the gen4j-spark jar Spark fetched to
   * the executor), or this JVM's class path when they come from a directory (tests, an IDE).
   */
  static String childClassPath() {
    CodeSource source = RunTask.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      try {
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(location)) {
          return location.toString();
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a local file: fall back to the class path
      }
    }
    return System.getProperty("java.class.path");
  }
}
