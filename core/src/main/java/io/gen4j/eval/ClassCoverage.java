package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Mode coverage: how the feature network classifies a set of images, as a histogram of predicted
 * classes and its Kullback-Leibler divergence from the uniform distribution, {@code sum_c p_c log(p_c
 * K)} over K classes. 0 when every class is predicted equally often; {@code log K} when one class takes
 * everything (a collapsed generator).
 */
public final class ClassCoverage {

  private final long[] counts;

  private ClassCoverage(long[] counts) {
    this.counts = counts;
  }

  /**
   * The coverage of predicted classes.
   *
   * @param predictions one class per image, each in {@code [0, classes)}
   * @param classes the number of classes, at least 1
   */
  public static ClassCoverage of(int[] predictions, int classes) {
    requireNonNull(predictions, "predictions is null");
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    if (predictions.length == 0) {
      throw new IllegalArgumentException("class coverage needs at least one prediction");
    }
    long[] counts = new long[classes];
    for (int i = 0; i < predictions.length; i++) {
      int predicted = predictions[i];
      if (predicted < 0 || predicted >= classes) {
        throw new IllegalArgumentException(
            "prediction " + i + " is class " + predicted + ", outside [0, " + classes + ")");
      }
      counts[predicted]++;
    }
    return new ClassCoverage(counts);
  }

  /** The most probable class of every row of probabilities (the first on ties). */
  public static int[] predictedClasses(double[][] probabilities) {
    int[] predicted = new int[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      double[] row = probabilities[i];
      int best = 0;
      for (int c = 1; c < row.length; c++) {
        if (row[c] > row[best]) {
          best = c;
        }
      }
      predicted[i] = best;
    }
    return predicted;
  }

  /** The number of images predicted as each class. */
  public long[] counts() {
    return counts.clone();
  }

  /** The number of classes. */
  public int classes() {
    return counts.length;
  }

  /** The number of images. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** The number of classes predicted at least once. */
  public int classesPresent() {
    return (int) Arrays.stream(counts).filter(count -> count > 0).count();
  }

  /** KL(predicted class distribution || uniform), in nats: 0 for perfect coverage, at most log(classes). */
  public double klToUniform() {
    double total = total();
    double divergence = 0;
    for (long count : counts) {
      if (count > 0) {
        double share = count / total;
        divergence += share * Math.log(share * counts.length);
      }
    }
    return Math.max(0, divergence);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClassCoverage that && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ClassCoverage" + Arrays.toString(counts);
  }
}
