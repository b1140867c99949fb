package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.TrainingConfig;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The TensorFlow session options a run's config asks for: the GPUs it may use ({@code
 * training.visibleDevices}, TensorFlow's {@code gpu_options.visible_device_list}). A config that asks for
 * nothing gets TensorFlow's defaults, the session it always got.
 */
public final class SessionSettings {

  private SessionSettings() {}

  /** The session options of {@code training}, or empty for TensorFlow's defaults. */
  public static Optional<ConfigProto> of(TrainingConfig training) {
    requireNonNull(training, "training is null");
    if (training.visibleDevices().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ConfigProto.newBuilder()
        .setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(training.visibleDevices()))
        .build());
  }

  /** A session on {@code graph} with the options of {@code training}. */
  public static Session open(Graph graph, TrainingConfig training) {
    return of(training).map(options -> new Session(graph, options)).orElseGet(() -> new Session(graph));
  }
}
