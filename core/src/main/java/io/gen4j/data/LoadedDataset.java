package io.gen4j.data;

import static java.util.Objects.requireNonNull;

/**
 * A dataset as a config's {@code data} section names it, ready to use: both splits, the test split held
 * out of the train split when the dataset has none of its own.
 *
 * @param type the {@code data.type}
 * @param name names the dataset, for example {@code fashion-mnist}
 * @param train every train image (before {@code data.limit})
 * @param test the test split that evaluation and held-out scores use
 * @param heldOut whether {@code test} was held out of the dataset's images (rather than its own split)
 */
public record LoadedDataset(String type, String name, ImageDataset train, ImageDataset test, boolean heldOut) {

  public LoadedDataset {
    requireNonNull(type, "type is null");
    requireNonNull(name, "name is null");
    requireNonNull(train, "train is null");
    requireNonNull(test, "test is null");
  }

  /** The train images a run uses: the first {@code limit} of them, or all when {@code limit} is 0. */
  public ImageDataset training(int limit) {
    return limit > 0 && limit < train.count() ? train.slice(limit) : train;
  }

  /**
   * The number of classes of the labels, what a model that uses labels is built with: the number of
   * class names if there are any, else one more than the highest label of either split; 0 when unlabelled.
   */
  public int classCount() {
    return Math.max(train.classCount(), test.classCount());
  }

  /**
   * The checksum that identifies this dataset's content in provenance, reports and the evaluation
   * cache: {@link ImageDataset#checksum(ImageDataset...)} of the train and test split.
   */
  public String checksum() {
    return ImageDataset.checksum(train, test);
  }
}
