package io.gen4j.graph;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.ThreadsConfig;
import io.gen4j.config.TrainingConfig;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Opens sessions with a run's {@link ThreadsConfig} and the GPUs it may use ({@code
 * training.visibleDevices}, TensorFlow's {@code gpu_options.visible_device_list}). Every session a run
 * creates goes through here, so whichever comes first (the first session of a process fixes TensorFlow's
 * thread pools and devices for the whole process) carries the run's setting; an automatic thread setting
 * becomes gen4j's choice for that session's graph ({@link ThreadsChoice}).
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

  /**
   * A session on {@code graph} with a run's thread pool sizes (resolved as {@link #open(Graph,
   * ThreadsConfig)}) and visible GPUs.
   */
  public static Session open(Graph graph, TrainingConfig training) {
    requireNonNull(training, "training is null");
    return new Session(graph, withDevices(configProto(resolve(graph, training.threads())), training));
  }

  /**
   * The session options of a run as they are (automatic pools not resolved): its thread pool sizes and,
   * when it names some, its visible GPUs.
   */
  public static ConfigProto configProto(TrainingConfig training) {
    requireNonNull(training, "training is null");
    return withDevices(configProto(training.threads()), training);
  }

  private static ConfigProto withDevices(ConfigProto threads, TrainingConfig training) {
    if (training.visibleDevices().isEmpty()) {
      return threads;
    }
    return threads.toBuilder()
        .setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(training.visibleDevices()))
        .build();
  }

  /** The pool sizes {@link #open(Graph, ThreadsConfig)} gives a session on {@code graph}. */
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
