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
 * thread pools and devices for the whole process) carries the run's setting.
 */
public final class Sessions {

  private Sessions() {}

  /** A session on {@code graph} with the given thread pool sizes (0: TensorFlow's choice). */
  public static Session open(Graph graph, ThreadsConfig threads) {
    requireNonNull(graph, "graph is null");
    return new Session(graph, configProto(threads));
  }

  /** A session on {@code graph} with a run's thread pool sizes and visible GPUs. */
  public static Session open(Graph graph, TrainingConfig training) {
    requireNonNull(graph, "graph is null");
    return new Session(graph, configProto(training));
  }

  /** The session options of a run: its thread pool sizes and, when it names some, its visible GPUs. */
  public static ConfigProto configProto(TrainingConfig training) {
    requireNonNull(training, "training is null");
    ConfigProto threads = configProto(training.threads());
    if (training.visibleDevices().isEmpty()) {
      return threads;
    }
    return threads.toBuilder()
        .setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(training.visibleDevices()))
        .build();
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
