package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as the run lock and the recorded status name it: its PID, its host and when it started
 * (which tells a live process from a later one that got the same PID).
 *
 * @param pid the process ID
 * @param host the host name the process ran on
 * @param startMillis when the process started, in milliseconds since the epoch; -1 if unknown
 */
public record ProcessIdentity(long pid, String host, long startMillis) {

  /** Start times within this much of each other are taken as the same process. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  public ProcessIdentity {
    requireNonNull(host, "host is null");
  }

  /** This process. */
  public static ProcessIdentity current() {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessIdentity(self.pid(), localHost(), startMillis(self).orElse(-1L));
  }

  /** This machine's host name, or {@code localhost} when it has none; looked up once. */
  public static String localHost() {
    return LocalHost.NAME;
  }

  /** The host name, resolved when first asked for. */
  private static final class LocalHost {
    static final String NAME = lookUp();

    private static String lookUp() {
      String environment = System.getenv("HOSTNAME");
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException | SecurityException e) {
        return environment != null && !environment.isBlank() ? environment : "localhost";
      }
    }
  }

  /**
   * Whether the process has certainly ended: it ran on this host, and no process with its PID and
   * start time runs now. A process on another host is never known to be gone.
   */
  public boolean isGone() {
    if (pid <= 0 || !host.equals(localHost())) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    Optional<Long> started = startMillis(handle.get());
    return startMillis >= 0 && started.isPresent()
        && Math.abs(started.get() - startMillis) > START_TOLERANCE.toMillis();
  }

  /** "PID 1234 on host box". */
  public String describe() {
    return "PID " + pid + " on host " + host;
  }

  private static Optional<Long> startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli);
  }
}
