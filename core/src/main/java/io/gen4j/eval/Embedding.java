package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link FeatureSpace} makes of a set of images: the feature vectors and, when it classifies the
 * dataset's classes, the class probabilities, one row per image.
 *
 * @param features the feature vectors, such as a network's penultimate layer's activations
 * @param probabilities the softmax over the dataset's classes, {@code count x classes}; {@code null} when
 *     the feature space gives none
 */
public record Embedding(Features features, double[][] probabilities) {

  public Embedding {
    requireNonNull(features, "features is null");
    if (probabilities != null && probabilities.length != features.count()) {
      throw new IllegalArgumentException(
          features.count() + " feature vectors but " + probabilities.length + " rows of probabilities");
    }
  }

  /** The number of images. */
  public int count() {
    return features.count();
  }

  /** Whether it has class probabilities. */
  public boolean classified() {
    return probabilities != null;
  }

  /**
   * The most probable class of each image.
   *
   * @throws IllegalStateException if it has no class probabilities
   */
  public int[] predictedClasses() {
    if (probabilities == null) {
      throw new IllegalStateException("these features come without class probabilities");
    }
    return ClassCoverage.predictedClasses(probabilities);
  }

  /** The embeddings one after another, in order. */
  public static Embedding concatenate(List<Embedding> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    int dimension = parts.get(0).features().dimension();
    int count = parts.stream().mapToInt(Embedding::count).sum();
    boolean classified = parts.stream().allMatch(Embedding::classified);
    double[] values = new double[count * dimension];
    double[][] probabilities = classified ? new double[count][] : null;
    int offset = 0;
    for (Embedding part : parts) {
      if (part.features().dimension() != dimension) {
        throw new IllegalArgumentException(
            "embeddings differ in dimension: " + dimension + " and " + part.features().dimension());
      }
      for (int i = 0; i < part.count(); i++) {
        System.arraycopy(part.features().row(i), 0, values, (offset + i) * dimension, dimension);
        if (classified) {
          probabilities[offset + i] = part.probabilities()[i];
        }
      }
      offset += part.count();
    }
    return new Embedding(new Features(count, dimension, values), probabilities);
  }
}
