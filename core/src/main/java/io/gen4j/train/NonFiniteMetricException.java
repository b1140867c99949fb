package io.gen4j.train;

/** A metric of a step came out NaN or infinite; the loop stops or rolls back. */
final class NonFiniteMetricException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long step;
  private final String problem;

  NonFiniteMetricException(long step, String series, float value) {
    super("step " + step + ": " + series + " is " + value);
    this.step = step;
    this.problem = series + " is " + value;
  }

  /** What went wrong, without the step: e.g. {@code discriminator_loss is NaN}. */
  String problem() {
    return problem;
  }

  long step() {
    return step;
  }
}
