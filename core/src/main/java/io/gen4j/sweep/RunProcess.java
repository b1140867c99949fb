package io.gen4j.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gen4j.config.ThreadsConfig;
import io.gen4j.eval.FeatureNetworkCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one run of a sweep in a child JVM: the first session of a process fixes TensorFlow's thread pools,
 * so each run needs a process of its own to get its share of the cores, and a run that crashes (or is
 * killed) takes only its own process down. The child runs {@code <command> RUN_DIR --worker-threads
 * INTRA,INTER --worker-eval JSON}, which hands the run to a {@link RunWorker}; its output goes to {@value
 * #LOG_FILE} in the run directory. The child watches its standard input and exits when the parent goes
 * away.
 *
 * @param command the child's command up to the run directory: the Java executable, JVM options, class
 *     path, main class and the arguments that select the worker, such as {@code [java, -cp, CP,
 *     io.gen4j.cli.Gen4jCommand, sweep, --worker]}
 * @param environment variables set for the child on top of this process's environment
 */
public record RunProcess(List<String> command, Map<String, String> environment) {

  /** The file in the run directory the child's output is appended to. */
  public static final String LOG_FILE = "sweep.log";

  /** The option that gives the worker its thread pool sizes, {@code INTRA,INTER}. */
  public static final String THREADS_OPTION = "--worker-threads";

  /** The option that gives the worker the sweep's evaluation settings as JSON. */
  public static final String EVALUATION_OPTION = "--worker-eval";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public RunProcess {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the child command is empty");
    }
    environment = Map.copyOf(environment);
  }

  /**
   * The command of a JVM like this one: this Java executable, this process's heap, system-property and
   * module options (not agents or debuggers), its feature network cache ({@value
   * FeatureNetworkCache#DIRECTORY_PROPERTY}), and the given class path and main class. Environment variables
   * (such as the plugin and cache settings) are inherited.
   *
   * @param classPath the child's class path, such as this process's {@code java.class.path}
   * @param mainClass the child's main class
   * @param arguments the arguments before the run directory
   */
  public static List<String> javaCommand(String classPath, String mainClass, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xss")
          || option.startsWith("-D") || option.startsWith("--add-opens") || option.startsWith("--add-exports")
          || option.startsWith("-XX:MaxDirectMemorySize")) {
        command.add(option);
      }
    }
    String cache = System.getProperty(FeatureNetworkCache.DIRECTORY_PROPERTY);
    if (cache != null && command.stream().noneMatch(option -> option.startsWith("-D" + FeatureNetworkCache.DIRECTORY_PROPERTY + "="))) {
      command.add("-D" + FeatureNetworkCache.DIRECTORY_PROPERTY + "=" + cache);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /**
   * The arguments after {@link #command}.
   */
  public static List<String> workerArguments(Path runDirectory, ThreadsConfig threads, SweepEvaluation evaluation) {
    return List.of(runDirectory.toString(), THREADS_OPTION, threads.intraOp() + "," + threads.interOp(),
        EVALUATION_OPTION, evaluationJson(evaluation));
  }

  /** The evaluation settings as {@link #EVALUATION_OPTION} takes them. */
  public static String evaluationJson(SweepEvaluation evaluation) {
    try {
      return JSON.writeValueAsString(requireNonNull(evaluation, "evaluation is null"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the evaluation settings", e);
    }
  }

  /** Reads {@link #EVALUATION_OPTION}'s value. */
  public static SweepEvaluation parseEvaluation(String json) {
    try {
      return JSON.readValue(json, SweepEvaluation.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(EVALUATION_OPTION + ": not the evaluation settings: " + e.getOriginalMessage());
    }
  }

  /** Reads {@link #THREADS_OPTION}'s value, {@code INTRA,INTER}. */
  public static ThreadsConfig parseThreads(String text) {
    String[] parts = text.split(",", -1);
    try {
      if (parts.length == 2) {
        return new ThreadsConfig(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(THREADS_OPTION + ": expected INTRA,INTER (two whole numbers), got '" + text + "'");
  }

  /**
   * Runs the worker on one run directory in a child process and waits for it.
   *
   * @param started told the child process once it runs (to show or kill it)
   * @return the child's exit status: 0 when the run is trained and evaluated
   */
  public int run(Path runDirectory, ThreadsConfig threads, SweepEvaluation evaluation, Consumer<Process> started)
      throws InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.addAll(workerArguments(runDirectory, threads, evaluation));
    Path log = runDirectory.resolve(LOG_FILE);
    try {
      Files.writeString(log, "=== " + Instant.now() + ": " + String.join(" ", full) + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(full)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
      builder.environment().putAll(environment);
      Process process = builder.start();
      try {
        started.accept(process);
        return process.waitFor();
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
          process.waitFor();
        }
        process.getOutputStream().close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the run process for " + runDirectory + ": " + e.getMessage(), e);
    }
  }

  /** The last non-blank line of a run's {@value #LOG_FILE}, to say why it failed. */
  public static Optional<String> lastLogLine(Path runDirectory) {
    Path log = runDirectory.resolve(LOG_FILE);
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return Optional.of(lines.get(i).strip());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
