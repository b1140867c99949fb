package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import io.gen4j.data.DatasetException;
import io.gen4j.data.ImageDataset;
import java.util.Optional;

/**
 * What a {@link DatasetProvider} opens: a dataset's train split and, where it has one, its test split.
 *
 * @param name names the dataset in messages and held-out scores, for example {@code fashion-mnist}
 * @param train the images to train on
 * @param test the dataset's own test split, or empty (core then holds one out of {@code train})
 */
public record DatasetSplits(String name, ImageDataset train, Optional<ImageDataset> test) {

  public DatasetSplits {
    requireNonNull(name, "name is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
    test.ifPresent(split -> {
      if (!split.shape().equals(train.shape())) {
        throw new DatasetException(
            name + ": the test split's images are " + split.shape() + " but the train split's are " + train.shape());
      }
      if (split.labelled() != train.labelled()) {
        throw new DatasetException(name + ": one split is labelled and the other is not");
      }
    });
  }

  /** A dataset with both splits. */
  public static DatasetSplits of(String name, ImageDataset train, ImageDataset test) {
    return new DatasetSplits(name, train, Optional.of(requireNonNull(test, "test is null")));
  }

  /** A dataset without a test split of its own. */
  public static DatasetSplits trainOnly(String name, ImageDataset train) {
    return new DatasetSplits(name, train, Optional.empty());
  }
}
