package io.gen4j.data.download;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.spi.TaskProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file over HTTP(S) into place: bytes go to {@code FILE.part}, a cut transfer is resumed
 * where it stopped with a {@code Range} request (in the same call, up to {@link #ATTEMPTS} times, or in
 * a later one), the complete file is checked against its SHA-256, and only then renamed to {@code FILE}.
 * A file that fails its checksum is deleted. Redirects are followed (at most 5, never from HTTPS to
 * HTTP).
 */
public final class Downloader {

  /** Tries per file: a transfer cut this often in one call is left for a later call to resume. */
  public static final int ATTEMPTS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final int MAX_REDIRECTS = 5;
  private static final int BUFFER_SIZE = 1 << 16;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

  private final Duration connectTimeout;
  private final Duration readTimeout;

  /** A downloader that waits 30 s for a connection and 60 s for data. */
  public Downloader() {
    this(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  public Downloader(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
  }

  /**
   * Downloads {@code url} to {@code target}, resuming {@code target.part} if an earlier transfer left
   * one.
   *
   * @param dataset the dataset's name, for the hint in messages
   * @throws DatasetException if the server cannot be reached or fails, the transfer keeps breaking off,
   *     or the file does not match its checksum (it is then deleted)
   */
  public void download(String dataset, String url, RemoteFile file, Path target, TaskProgress.Factory progress) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(url, "url is null");
    requireNonNull(file, "file is null");
    requireNonNull(target, "target is null");
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(part) && Files.size(part) > file.size()) {
        Files.delete(part);
      }
      try (TaskProgress shown = progress.start("downloading " + dataset + "/" + file.name(), file.size(), "bytes")) {
        if (Files.exists(part)) {
          shown.advance(Files.size(part));
        }
        transfer(dataset, url, file, part, shown);
      }
      verifyAndMove(dataset, url, file, part, target);
    } catch (IOException e) {
      throw new DatasetException(dataset + ": cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private void transfer(String dataset, String url, RemoteFile file, Path part, TaskProgress shown) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long have = Files.exists(part) ? Files.size(part) : 0;
      if (have == file.size()) {
        return;
      }
      try {
        fetchFrom(dataset, url, file, part, have, shown);
        return;
      } catch (UnknownHostException | ConnectException | NoRouteToHostException e) {
        throw new DatasetException(dataset + ": cannot download " + file.name() + " from " + url + ": no network ("
            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + howToGet(dataset), e);
      } catch (IOException e) {
        last = e;
        LOG.info("{}: the transfer of {} broke off at {} of {} bytes ({}); resuming", dataset, file.name(),
            Files.exists(part) ? Files.size(part) : 0, file.size(), e.getMessage());
      }
    }
    throw new DatasetException(dataset + ": the download of " + file.name() + " from " + url + " broke off "
        + ATTEMPTS + " times (" + last.getMessage() + "); " + (Files.exists(part) ? Files.size(part) : 0) + " of "
        + file.size() + " bytes are kept in " + part + ": run `gen4j data fetch " + dataset + "` to resume", last);
  }

  /** One request for the bytes from {@code have} on, appended to {@code part}. */
  private void fetchFrom(String dataset, String url, RemoteFile file, Path part, long have, TaskProgress shown)
      throws IOException {
    HttpURLConnection connection = open(dataset, url, have);
    try {
      int status = connection.getResponseCode();
      boolean append;
      if (status == HttpURLConnection.HTTP_PARTIAL) {
        Matcher range = CONTENT_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
        append = range.matches() && Long.parseLong(range.group(1)) == have;
        if (!append) {
          throw new IOException("the server answered the range request from " + have + " with "
              + connection.getHeaderField("Content-Range"));
        }
      } else if (status == HttpURLConnection.HTTP_OK) {
        append = false;
      } else if (status == 416) {
        Files.deleteIfExists(part);
        throw new IOException("the server refused the range from byte " + have);
      } else {
        throw new DatasetException(dataset + ": cannot download " + file.name() + " from " + url + ": HTTP " + status
            + (connection.getResponseMessage() == null ? "" : " " + connection.getResponseMessage()) + "; try again later, "
            + howToGet(dataset));
      }
      if (!append) {
        shown.advance(-have);
      }
      try (InputStream in = connection.getInputStream();
          OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buffer = new byte[BUFFER_SIZE];
        long written = append ? have : 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
          if (written + read > file.size()) {
            throw new DatasetException(dataset + ": " + url + " sends more than the " + file.size() + " bytes "
                + file.name() + " has; " + howToGet(dataset));
          }
          out.write(buffer, 0, read);
          written += read;
          shown.advance(read);
        }
        if (written < file.size()) {
          throw new IOException("the connection closed after " + written + " of " + file.size() + " bytes");
        }
      }
    } finally {
      connection.disconnect();
    }
  }

  /** A connection to {@code url} (or where it redirects to), asking for the bytes from {@code from} on. */
  private HttpURLConnection open(String dataset, String url, long from) throws IOException {
    URI current = parse(dataset, url);
    for (int redirects = 0; ; redirects++) {
      HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
      connection.setConnectTimeout((int) connectTimeout.toMillis());
      connection.setReadTimeout((int) readTimeout.toMillis());
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("User-Agent", "gen4j");
      connection.setRequestProperty("Accept-Encoding", "identity");
      if (from > 0) {
        connection.setRequestProperty("Range", "bytes=" + from + "-");
      }
      int status;
      try {
        status = connection.getResponseCode();
      } catch (SocketTimeoutException e) {
        connection.disconnect();
        throw new IOException("no answer from " + current + " within " + readTimeout.toSeconds() + " s", e);
      }
      if (status < 300 || status >= 400 || status == 304) {
        return connection;
      }
      String location = connection.getHeaderField("Location");
      connection.disconnect();
      if (location == null || redirects >= MAX_REDIRECTS) {
        throw new DatasetException(dataset + ": " + url + " redirects " + (location == null ? "nowhere" : "too often")
            + "; " + howToGet(dataset));
      }
      URI next = parse(dataset, resolve(dataset, current, location));
      if (current.getScheme().equals("https") && !next.getScheme().equals("https")) {
        throw new DatasetException(dataset + ": " + current + " redirects from HTTPS to " + next + "; refused");
      }
      current = next;
    }
  }

  private static URI parse(String dataset, String url) {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new DatasetException(dataset + ": " + url + " is not an http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new DatasetException(dataset + ": " + url + " is not a valid URL: " + e.getMessage(), e);
    }
  }

  private static String resolve(String dataset, URI base, String location) {
    try {
      return base.resolve(new URI(location)).toString();
    } catch (URISyntaxException e) {
      throw new DatasetException(dataset + ": " + base + " redirects to an invalid URL: " + location, e);
    }
  }

  private static void verifyAndMove(String dataset, String url, RemoteFile file, Path part, Path target)
      throws IOException {
    String actual = FileDigests.sha256(part);
    if (!actual.equals(file.sha256())) {
      Files.deleteIfExists(part);
      throw new DatasetException(dataset + ": " + file.name() + " from " + url + " has SHA-256 " + actual + ", expected "
          + file.sha256() + "; the file was removed: run `gen4j data fetch " + dataset + "` again, or import a good copy"
          + " with `gen4j data import " + dataset + " FILE`");
    }
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** What a user can do when a dataset cannot be downloaded. */
  static String howToGet(String dataset) {
    return "fetch it where there is network with `gen4j data fetch " + dataset + "`, set GEN4J_MIRROR (or data.mirror)"
        + " to a mirror, or import files obtained elsewhere with `gen4j data import " + dataset + " FILE...`";
  }
}
