package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.ImageDataset;
import io.gen4j.data.LoadedDataset;

/**
 * The dataset an evaluation measures against: its train split (the feature network's training data
 * and the reference row's images) and its test split (what every row is compared with).
 *
 * @param name the dataset's name, such as {@code mnist} or {@code fashion-mnist}
 * @param train the labelled train split
 * @param test the labelled test split
 */
public record EvaluationDataset(String name, ImageDataset train, ImageDataset test) {

  public EvaluationDataset {
    requireNonNull(name, "name is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
  }

  /**
   * Both full splits of a dataset a config names (its whole train split, whatever {@code data.limit}
   * says): the test split is its own, or the one held out of it.
   */
  public static EvaluationDataset of(LoadedDataset dataset) {
    requireNonNull(dataset, "dataset is null");
    return new EvaluationDataset(dataset.name(), dataset.train(), dataset.test());
  }
}
