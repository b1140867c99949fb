package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.DataConfig;
import io.gen4j.data.Datasets;
import io.gen4j.data.ImageDataset;

/**
 * The dataset an evaluation measures against: its train split (the feature network's training data
 * and the reference row's images) and its test split (what every row is compared with).
 *
 * @param name the dataset's name, as in {@code data.dataset}
 * @param train the labelled train split
 * @param test the labelled test split
 */
public record EvaluationDataset(String name, ImageDataset train, ImageDataset test) {

  public EvaluationDataset {
    requireNonNull(name, "name is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
  }

  /** Both full splits of a dataset {@code data.dataset} can name, such as {@code mnist}. */
  public static EvaluationDataset named(String name) {
    requireNonNull(name, "name is null");
    return new EvaluationDataset(
        name, Datasets.train(new DataConfig(name, DataConfig.DEFAULT.batchSize(), 0)), Datasets.test(name));
  }
}
