package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens sessions with a run's {@link ThreadsConfig}. Every session a run creates goes through here, so
 * whichever comes first (the first session of a process fixes TensorFlow's thread pools for the whole
 * process) carries the run's setting; an automatic setting becomes gen4j's choice for that session's
 * graph ({@link ThreadsChoice}).
 */
public final class Sessions {

  private Sessions() {}

  /**
   * A session on {@code graph} with the given thread pool sizes: automatic ones resolved for the graph
   * ({@link ThreadsChoice}), a single 0 next to a set pool left to TensorFlow (one thread per core).
   */
  public static Session open(Graph graph, ThreadsConfig threads) {
    return new Session(graph, configProto(resolve(graph, threads)));
  }

  /** The pool sizes {@link #open} gives a session on {@code graph}. */
  public static ThreadsConfig resolve(Graph graph, ThreadsConfig threads) {
    return ThreadsChoice.resolve(threads, graph, Runtime.getRuntime().availableProcessors());
  }

  /** The session options that carry the thread pool sizes as they are (0: TensorFlow's choice for that pool). */
  public static ConfigProto configProto(ThreadsConfig threads) {
    requireNonNull(threads, "threads is null");
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads.intraOp())
        .setInterOpParallelismThreads(threads.interOp())
        .build();
  }
}
