package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

/**
 * The Inception Score of Salimans et al. 2016, computed from the feature network's class
 * probabilities: {@code exp(mean_i KL(p(y|x_i) || p(y)))} with {@code p(y)} the mean of the {@code
 * p(y|x_i)}. It is high when each image is confidently one class and the classes are used evenly; its
 * maximum is the number of classes.
 *
 * <p>Computed over all N samples at once (no splits), since the number of classes is small.
 */
public final class InceptionScore {

  private InceptionScore() {}

  /**
   * The score of a set of predictions.
   *
   * @param probabilities one row of class probabilities per image, each non-negative and summing to 1
   *     (within rounding)
   */
  public static double of(double[][] probabilities) {
    requireNonNull(probabilities, "probabilities is null");
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("the Inception Score needs at least one prediction");
    }
    int classes = probabilities[0].length;
    double[] marginal = new double[classes];
    for (int i = 0; i < probabilities.length; i++) {
      double[] row = probabilities[i];
      if (row.length != classes) {
        throw new IllegalArgumentException(
            "every prediction must have " + classes + " class probabilities; prediction " + i + " has " + row.length);
      }
      for (int c = 0; c < classes; c++) {
        if (!(row[c] >= 0)) {
          throw new IllegalArgumentException(
              "class probabilities must not be negative; prediction " + i + " has " + row[c] + " for class " + c);
        }
        marginal[c] += row[c];
      }
    }
    for (int c = 0; c < classes; c++) {
      marginal[c] /= probabilities.length;
    }
    double divergence = 0;
    for (double[] row : probabilities) {
      for (int c = 0; c < classes; c++) {
        if (row[c] > 0) {
          divergence += row[c] * (Math.log(row[c]) - Math.log(marginal[c]));
        }
      }
    }
    return Math.exp(divergence / probabilities.length);
  }
}
