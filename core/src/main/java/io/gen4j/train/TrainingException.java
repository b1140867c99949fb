package io.gen4j.train;

/** Training stopped for a reason the user can act on, such as a loss that became NaN. */
public final class TrainingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TrainingException(String message) {
    super(message);
  }
}
