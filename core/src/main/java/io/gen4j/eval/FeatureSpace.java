package io.gen4j.eval;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;

/**
 * A network that maps images to the feature vectors every metric of {@code gen4j eval} is measured in:
 * gen4j's own feature network for a dataset ({@link CachedFeatureNetwork}) or a SavedModel the user
 * names ({@link SavedModelFeatures}). Owns native resources; close it.
 */
public interface FeatureSpace extends AutoCloseable {

  /** What the features are and where they come from, as {@code eval.json} and the table state it. */
  EvaluationReport.FeatureNetworkSummary summary();

  /** Whether it embeds images of this shape. */
  boolean accepts(ImageShape shape);

  /**
   * Features of a batch of images with values in [0, 1], and, when {@link #datasetClasses()} is above
   * 0, their class probabilities.
   *
   * @throws IllegalArgumentException if it does not {@link #accepts accept} the batch's shape
   */
  Embedding embed(ImageBatch batch);

  /**
   * The number of the dataset's classes its probabilities are over (for IS and class coverage); 0 when
   * it gives none.
   */
  int datasetClasses();

  @Override
  void close();
}
