package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.TensorFlow;

/**
 * The machine a benchmark ran on, so that its figures can be compared with another run's.
 *
 * @param cpu the CPU model ({@code model name} in {@code /proc/cpuinfo}), or the architecture where
 *     the system does not say
 * @param processors processors available to the JVM
 * @param memoryBytes the machine's total memory ({@code MemTotal} in {@code /proc/meminfo}), or 0 where
 *     the system does not say
 * @param os operating system name, version and architecture
 * @param java the Java version and vendor
 * @param tensorflow the TensorFlow version
 * @param loadAverageAtStart the one-minute load average when the benchmark started (negative where
 *     the system does not report it); other work on the machine slows every figure
 */
public record BenchEnvironment(
    String cpu, int processors, long memoryBytes, String os, String java, String tensorflow,
    double loadAverageAtStart) {

  public BenchEnvironment {
    requireNonNull(cpu, "cpu is null");
    requireNonNull(os, "os is null");
    requireNonNull(java, "java is null");
    requireNonNull(tensorflow, "tensorflow is null");
  }

  /** This machine, now. */
  public static BenchEnvironment current() {
    return new BenchEnvironment(
        procField(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/meminfo"), "MemTotal")
            .map(value -> Long.parseLong(value.split("\\s+")[0]) * 1024)
            .orElse(0L),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        TensorFlow.version(),
        loadAverage());
  }

  /** The one-minute load average now, negative where the system does not report it. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The value of the first {@code name: value} line of a /proc file. */
  private static Optional<String> procField(Path file, String name) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(name) && line.indexOf(':') > 0)
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
