package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

/**
 * Improved precision and recall of Kynkäänniemi et al. 2019. Each set's manifold is the union of
 * balls around its vectors, each ball reaching the vector's k-th nearest neighbour within the set.
 * Precision is the share of generated vectors inside the real manifold (how realistic the samples
 * are); recall is the share of real vectors inside the generated manifold (how much of the data the
 * samples cover). A point on a ball's boundary counts as inside.
 *
 * @param precision in [0, 1]
 * @param recall in [0, 1]
 * @param neighbours the k of the k-th nearest neighbour radii
 */
public record PrecisionRecall(double precision, double recall, int neighbours) {

  /** k in the paper. */
  public static final int DEFAULT_NEIGHBOURS = 3;

  /**
   * Precision and recall of {@code generated} against {@code real}.
   *
   * @param neighbours k, at least 1 and smaller than either set's size
   */
  public static PrecisionRecall between(Features real, Features generated, int neighbours) {
    requireNonNull(real, "real is null");
    requireValid(real, generated, neighbours);
    return between(real, SquaredDistances.kthNeighbour(real, neighbours), generated, neighbours);
  }

  /**
   * The squared radii of the real manifold's balls, for {@link #between(Features, double[], Features,
   * int)}: an evaluator scores several sets against the same real set and computes them once.
   */
  static double[] realRadii(Features real, int neighbours) {
    requireNonNull(real, "real is null");
    if (neighbours < 1 || neighbours >= real.count()) {
      throw new IllegalArgumentException("neighbours must be at least 1 and smaller than the real set ("
          + real.count() + "), got " + neighbours);
    }
    return SquaredDistances.kthNeighbour(real, neighbours);
  }

  /** {@link #between(Features, Features, int)} with the real radii {@link #realRadii} computed. */
  static PrecisionRecall between(Features real, double[] realRadii, Features generated, int neighbours) {
    requireValid(real, generated, neighbours);
    if (realRadii.length != real.count()) {
      throw new IllegalArgumentException(realRadii.length + " radii for " + real.count() + " real vectors");
    }
    double[] generatedRadii = SquaredDistances.kthNeighbour(generated, neighbours);
    boolean[] generatedInReal = new boolean[generated.count()];
    boolean[] realInGenerated = new boolean[real.count()];
    int width = real.count();
    SquaredDistances.forEachBlock(generated, real, (firstRow, rows, distances) -> {
      for (int i = 0; i < rows; i++) {
        int sample = firstRow + i;
        double sampleRadius = generatedRadii[sample];
        boolean inside = false;
        for (int j = 0; j < width; j++) {
          double distance = distances[i * width + j];
          if (distance <= realRadii[j]) {
            inside = true;
          }
          if (distance <= sampleRadius) {
            realInGenerated[j] = true;
          }
        }
        generatedInReal[sample] = inside;
      }
    });
    return new PrecisionRecall(share(generatedInReal), share(realInGenerated), neighbours);
  }

  private static void requireValid(Features real, Features generated, int neighbours) {
    requireNonNull(generated, "generated is null");
    if (real.dimension() != generated.dimension()) {
      throw new IllegalArgumentException(
          "feature sets differ in dimension: " + real.dimension() + " and " + generated.dimension());
    }
    if (neighbours < 1 || neighbours >= real.count() || neighbours >= generated.count()) {
      throw new IllegalArgumentException(
          "neighbours must be at least 1 and smaller than both sets (" + real.count() + " real, "
              + generated.count() + " generated), got " + neighbours);
    }
  }

  private static double share(boolean[] flags) {
    int count = 0;
    for (boolean flag : flags) {
      if (flag) {
        count++;
      }
    }
    return (double) count / flags.length;
  }
}
