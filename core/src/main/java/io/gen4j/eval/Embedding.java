package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the feature network makes of a set of images: the 128-d penultimate-layer features and the
 * class probabilities, one row per image.
 *
 * @param features the penultimate layer's activations
 * @param probabilities the softmax over classes, {@code count x classes}
 */
public record Embedding(Features features, double[][] probabilities) {

  public Embedding {
    requireNonNull(features, "features is null");
    requireNonNull(probabilities, "probabilities is null");
    if (probabilities.length != features.count()) {
      throw new IllegalArgumentException(
          features.count() + " feature vectors but " + probabilities.length + " rows of probabilities");
    }
  }

  /** The number of images. */
  public int count() {
    return features.count();
  }

  /** The most probable class of each image. */
  public int[] predictedClasses() {
    return ClassCoverage.predictedClasses(probabilities);
  }

  /** The embeddings one after another, in order. */
  public static Embedding concatenate(List<Embedding> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    int dimension = parts.get(0).features().dimension();
    int count = parts.stream().mapToInt(Embedding::count).sum();
    double[] values = new double[count * dimension];
    double[][] probabilities = new double[count][];
    int offset = 0;
    for (Embedding part : parts) {
      if (part.features().dimension() != dimension) {
        throw new IllegalArgumentException(
            "embeddings differ in dimension: " + dimension + " and " + part.features().dimension());
      }
      for (int i = 0; i < part.count(); i++) {
        System.arraycopy(part.features().row(i), 0, values, (offset + i) * dimension, dimension);
        probabilities[offset + i] = part.probabilities()[i];
      }
      offset += part.count();
    }
    return new Embedding(new Features(count, dimension, values), probabilities);
  }
}
