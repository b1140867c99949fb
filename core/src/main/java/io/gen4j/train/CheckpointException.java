package io.gen4j.train;

/**
 * A checkpoint that cannot be trusted or used: damaged files, a {@code state.json} out of range, or
 * tensors whose names, types or shapes do not match the graph they would be restored into. The
 * message is one line naming the checkpoint and the problem.
 */
public final class CheckpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
