package io.gen4j.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the feature network learns to predict, and so what its features know about the images. A dataset
 * with labels gets a classifier; one without labels gets a network trained on a task that needs none.
 */
public enum FeatureTask {

  /** The dataset's class labels. Its probabilities are over those classes: IS and class coverage use them. */
  @JsonProperty("classes")
  CLASSES,

  /**
   * The rotation of an image, from images rotated by 0, 90, 180 or 270 degrees (0 or 180 when the images
   * are not square): the self-supervised task of Gidaris et al. (2018), which needs no labels and makes a
   * network attend to the shape and layout of what an image shows. Its probabilities are over rotations,
   * not the dataset's classes, so IS and class coverage are left out.
   */
  @JsonProperty("rotation")
  ROTATION
}
