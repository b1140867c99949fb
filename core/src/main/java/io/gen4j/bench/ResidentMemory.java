package io.gen4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process's peak resident memory, as Linux reports it: {@code VmHWM} in {@code /proc/self/status}
 * (the high-water mark of the resident set: Java heap, TensorFlow's native allocations and everything
 * else the process touched). Writing {@code 5} to {@code /proc/self/clear_refs} (Linux 4.0 and later)
 * resets the mark to the current resident size, so that a peak can be measured per benchmark row. Other
 * systems report nothing.
 */
public final class ResidentMemory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final String PEAK_FIELD = "VmHWM:";
  private static final String CURRENT_FIELD = "VmRSS:";

  private ResidentMemory() {}

  /** The peak resident memory in bytes since the process started or the mark was last reset. */
  public static OptionalLong peakBytes() {
    return statusField(PEAK_FIELD);
  }

  /** The process's resident memory in bytes now ({@code VmRSS}). */
  public static OptionalLong currentBytes() {
    return statusField(CURRENT_FIELD);
  }

  /**
   * Resets the peak to the current resident size.
   *
   * @return whether the system accepted the reset; if not, peaks count from the process's start
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** One sentence saying how peaks are measured here, for reports. */
  public static String method(boolean resetWorks) {
    if (peakBytes().isEmpty()) {
      return "not measured: this system has no /proc/self/status";
    }
    return resetWorks
        ? "VmHWM from /proc/self/status, reset through /proc/self/clear_refs before each row: the process's peak"
            + " resident set (JVM heap, TensorFlow native memory, libraries) while that row ran; memory kept from"
            + " earlier rows counts too"
        : "VmHWM from /proc/self/status (the reset through /proc/self/clear_refs was refused): the process's peak"
            + " resident set since it started";
  }

  private static OptionalLong statusField(String field) {
    try {
      Optional<String> line = Files.readAllLines(STATUS).stream().filter(text -> text.startsWith(field)).findFirst();
      if (line.isEmpty()) {
        return OptionalLong.empty();
      }
      // "VmHWM:	  123456 kB"
      String[] parts = line.get().substring(field.length()).trim().split("\\s+");
      return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
    } catch (IOException | NumberFormatException | SecurityException e) {
      return OptionalLong.empty();
    }
  }
}
