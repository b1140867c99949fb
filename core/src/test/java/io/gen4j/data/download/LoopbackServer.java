package io.gen4j.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 for download tests: serves files by path with Range support, and can cut
 * responses short (the body ends after a given number of bytes) or answer with an error status.
 * Records every request.
 */
final class LoopbackServer implements AutoCloseable {

  /** One request: its path and Range header (or null). */
  record Request(String path, String range) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> cuts = new ConcurrentHashMap<>();
  private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  LoopbackServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL of a path prefix, e.g. {@code url("/official")}. */
  String url(String prefix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  void serve(String path, byte[] content) {
    files.put(path, content);
  }

  /** The next {@code times} responses for {@code path} stop after {@code bytes} bytes of the body. */
  void cut(String path, int times, int bytes) {
    cuts.put(path, new AtomicInteger(times));
    cutAfter.put(path, bytes);
  }

  /** Responses for {@code path} have this status and no body. */
  void fail(String path, int status) {
    statuses.put(path, status);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(request -> request.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(new Request(path, range));
    try (exchange) {
      Integer status = statuses.get(path);
      byte[] content = files.get(path);
      if (status != null || content == null) {
        exchange.sendResponseHeaders(status != null ? status : 404, -1);
        return;
      }
      int from = 0;
      Matcher matcher = range == null ? null : RANGE.matcher(range);
      AtomicInteger remainingCuts = cuts.get(path);
      boolean cut = remainingCuts != null && remainingCuts.getAndDecrement() > 0;
      if (matcher != null && matcher.matches()) {
        from = Integer.parseInt(matcher.group(1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      }
      // A cut response is sent chunked and ends early: the client sees the body stop mid-file.
      exchange.sendResponseHeaders(from > 0 ? 206 : 200, cut ? 0 : content.length - from);
      int end = cut ? Math.min(content.length, from + cutAfter.get(path)) : content.length;
      exchange.getResponseBody().write(content, from, end - from);
    } catch (IOException e) {
      // the client went away
    }
  }

  /** A port on 127.0.0.1 where nothing listens. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
