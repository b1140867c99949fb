package io.gen4j.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.InvalidConfigException;
import jakarta.validation.constraints.Min;

/**
 * The {@code training.threads} section: the sizes of TensorFlow's two CPU thread pools for a run,
 * applied to every session the run creates. The first session a process creates fixes both pools for
 * the whole process, so a process should run one setting only ({@code gen4j sweep} starts one process
 * per run for that reason).
 *
 * @param intraOp threads one op (a matrix product, a convolution) is split across; {@value #AUTOMATIC}
 *     (the default) lets TensorFlow choose: one per CPU core
 * @param interOp threads independent ops run on side by side; {@value #AUTOMATIC} (the default) lets
 *     TensorFlow choose: one per CPU core
 */
@JsonClassDescription("The sizes of TensorFlow's two CPU thread pools for a run.")
public record ThreadsConfig(
    @Min(0) @JsonPropertyDescription("Threads one op (a matrix product, a convolution) is split across; 0 lets"
        + " TensorFlow choose (one per CPU core).")
    int intraOp,
    @Min(0) @JsonPropertyDescription("Threads independent ops run on side by side; 0 lets TensorFlow choose (one per"
        + " CPU core).")
    int interOp) {

  /** A pool size that leaves the choice to TensorFlow (one thread per CPU core). */
  public static final int AUTOMATIC = 0;

  /** Both pools sized by TensorFlow, as before this setting existed. */
  public static final ThreadsConfig DEFAULT = new ThreadsConfig(AUTOMATIC, AUTOMATIC);

  public ThreadsConfig {
    if (intraOp < 0) {
      throw new InvalidConfigException("intraOp", "must be 0 (TensorFlow's choice) or more, got " + intraOp);
    }
    if (interOp < 0) {
      throw new InvalidConfigException("interOp", "must be 0 (TensorFlow's choice) or more, got " + interOp);
    }
  }

  /** Whether both pools are left to TensorFlow. */
  public boolean automatic() {
    return intraOp == AUTOMATIC && interOp == AUTOMATIC;
  }
}
