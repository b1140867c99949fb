package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one writer of a run: an exclusive lock on the run's {@code train.lock}, held while a process
 * trains it, and the holder's PID, host and start time written in the file. The operating system's
 * lock ends with the process however it ends (SIGKILL included), so a lock left by a dead process is
 * taken over; the file's text names the live holder in the error a second writer gets. Where the file
 * system cannot lock files, the text alone decides: a holder on this host whose process is gone is
 * stale.
 */
public final class RunLock implements AutoCloseable {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_LOCK_FILE_BYTES = 4096;

  /**
   * The lock files this JVM holds. A second channel on a locked file must not even be opened here:
   * closing it would drop the process's POSIX lock on the file, which the first channel still holds.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a run.
   *
   * @param onTakeover told, in a sentence, when a stale lock of a process that is gone was taken over
   * @throws RunDirectoryException naming the holder if a live process holds the lock
   */
  public static RunLock acquire(RunDirectory run, Consumer<String> onTakeover) {
    requireNonNull(run, "run is null");
    requireNonNull(onTakeover, "onTakeover is null");
    Path file = run.lockFile().toAbsolutePath().normalize();
    if (!HELD.add(file)) {
      throw new RunDirectoryException(run.path() + ": this process is training the run already; one writer per run");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      HELD.remove(file);
      throw new RunDirectoryException("cannot open " + file + ": " + RunDirectory.reason(e), e);
    }
    try {
      FileLock lock = tryLock(channel, file);
      Optional<ProcessIdentity> previous = holder(channel);
      if (lock == null && previous.isPresent() && !previous.get().isGone()) {
        throw held(run, previous);
      }
      previous.filter(holder -> holder.pid() != ProcessHandle.current().pid() || !holder.host().equals(ProcessIdentity.localHost()))
          .ifPresent(stale -> onTakeover.accept(
              run.path() + ": took over the lock of " + stale.describe() + ", which is no longer running"));
      write(channel, ProcessIdentity.current());
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      close(channel);
      HELD.remove(file);
      throw new RunDirectoryException("cannot write " + file + ": " + RunDirectory.reason(e), e);
    } catch (RuntimeException e) {
      close(channel);
      HELD.remove(file);
      throw e;
    }
  }

  /**
   * The OS lock, or null where the file system has none.
   *
   * @throws RunDirectoryException naming the holder when another process (or this one) holds it
   */
  private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      throw new RunDirectoryException(file.getParent() + ": this process holds its lock already; one writer per run");
    } catch (IOException e) {
      return null; // no locks on this file system: the holder's text decides
    }
    if (lock == null) {
      Optional<ProcessIdentity> holder = holder(channel);
      throw new RunDirectoryException(file.getParent() + ": another gen4j process ("
          + holder.map(ProcessIdentity::describe).orElse("PID unknown") + ") is training this run;"
          + " wait for it to end or stop it first");
    }
    return lock;
  }

  private static RunDirectoryException held(RunDirectory run, Optional<ProcessIdentity> holder) {
    return new RunDirectoryException(run.path() + ": another gen4j process ("
        + holder.map(ProcessIdentity::describe).orElse("PID unknown") + ") is training this run;"
        + " wait for it to end or stop it first");
  }

  /** The holder the file names, if its text can be read as one. */
  private static Optional<ProcessIdentity> holder(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > MAX_LOCK_FILE_BYTES) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read it all
    }
    try {
      JsonNode node = JSON.readTree(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
      if (node == null || !node.path("pid").isIntegralNumber() || !node.path("host").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new ProcessIdentity(
          node.get("pid").asLong(), node.get("host").asText(), node.path("startMillis").asLong(-1)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void write(FileChannel channel, ProcessIdentity holder) throws IOException {
    ObjectNode node = JSON.createObjectNode()
        .put("pid", holder.pid())
        .put("host", holder.host())
        .put("startMillis", holder.startMillis())
        .put("locked", Instant.now().toString());
    ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    channel.truncate(0);
    while (bytes.hasRemaining()) {
      channel.write(bytes, bytes.position());
    }
    channel.force(true);
  }

  /** Empties the file and releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // the lock ends with the channel anyway; an unreadable holder counts as none
    }
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      // closing the channel releases it too
    }
    close(channel);
    HELD.remove(file);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
