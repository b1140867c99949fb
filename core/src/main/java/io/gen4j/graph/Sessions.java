package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens sessions with a run's {@link ThreadsConfig}. Every session a run creates goes through here, so
 * whichever comes first (the first session of a process fixes TensorFlow's thread pools for the whole
 * process) carries the run's setting.
 */
public final class Sessions {

  private Sessions() {}

  /** A session on {@code graph} with the given thread pool sizes (0: TensorFlow's choice). */
  public static Session open(Graph graph, ThreadsConfig threads) {
    requireNonNull(graph, "graph is null");
    return new Session(graph, configProto(threads));
  }

  /** The session options that carry the thread pool sizes. */
  public static ConfigProto configProto(ThreadsConfig threads) {
    requireNonNull(threads, "threads is null");
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads.intraOp())
        .setInterOpParallelismThreads(threads.interOp())
        .build();
  }
}
