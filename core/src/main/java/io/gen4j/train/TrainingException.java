package io.gen4j.train;

import io.gen4j.UserFacing;

/** Training stopped for a reason the user can act on, such as a loss that became NaN. */
public final class TrainingException extends RuntimeException implements UserFacing {

  private static final long serialVersionUID = 1L;

  public TrainingException(String message) {
    super(message);
  }

  /** A run that failed, not bad input. */
  @Override
  public Kind kind() {
    return Kind.FAILURE;
  }
}
