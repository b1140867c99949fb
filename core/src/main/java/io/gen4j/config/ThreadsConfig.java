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
 * <p>Both {@value #AUTOMATIC} (the default) lets gen4j choose for the model's graph what measured fastest
 * ({@code io.gen4j.graph.ThreadsChoice}: one thread per core in both pools for graphs of
 * matrix products, one inter-op thread for convolutional ones); a single {@value #AUTOMATIC} next to
 * a set pool leaves that pool to TensorFlow (one thread per core).
 *
 * @param intraOp threads one op (a matrix product, a convolution) is split across
 * @param interOp threads independent ops run on side by side
 */
@JsonClassDescription("The sizes of TensorFlow's two CPU thread pools for a run.")
public record ThreadsConfig(
    @Min(0) @JsonPropertyDescription("Threads one op (a matrix product, a convolution) is split across; 0 lets"
        + " TensorFlow choose (one per CPU core).")
    int intraOp,
    @Min(0) @JsonPropertyDescription("Threads independent ops run on side by side; 0 lets TensorFlow choose (one per"
        + " CPU core).")
    int interOp) {

  /** A pool size left to gen4j (both pools) or to TensorFlow (one pool, next to a set one). */
  public static final int AUTOMATIC = 0;

  /** Both pools chosen by gen4j for the model's graph. */
  public static final ThreadsConfig DEFAULT = new ThreadsConfig(AUTOMATIC, AUTOMATIC);

  public ThreadsConfig {
    if (intraOp < 0) {
      throw new InvalidConfigException("intraOp", "must be 0 (automatic) or more, got " + intraOp);
    }
    if (interOp < 0) {
      throw new InvalidConfigException("interOp", "must be 0 (automatic) or more, got " + interOp);
    }
  }

  /** Whether both pools are left to gen4j's choice. */
  public boolean automatic() {
    return intraOp == AUTOMATIC && interOp == AUTOMATIC;
  }
}
