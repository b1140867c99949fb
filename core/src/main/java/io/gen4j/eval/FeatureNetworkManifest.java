package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * {@code manifest.json} of a cached feature network: what it was trained on and how, how well it
 * classifies the test split, and the SHA-256 of each of its files. A cache entry is used only when its
 * manifest matches the datasets, the architecture version and the training settings asked for, and
 * every file matches its sum.
 *
 * @param architectureVersion {@link FeatureNetwork#ARCHITECTURE_VERSION} when it was trained
 * @param task what it was trained to predict; manifests written before rotation networks existed have
 *     none and mean {@link FeatureTask#CLASSES}
 * @param dataset the train split's name
 * @param testDataset the test split's name
 * @param datasetChecksum {@link DatasetChecksum#sha256(io.gen4j.data.ImageDataset...)} of the train and
 *     test splits
 * @param height image height
 * @param width image width
 * @param channels image channels
 * @param classes the number of classes it predicts: the dataset's, or the rotations
 * @param training how it was trained
 * @param trainImages the images it was trained on
 * @param testImages the images its accuracy was measured on
 * @param testAccuracy the share of test images classified correctly (for rotations: of the test images
 *     in every rotation)
 * @param trainingSeconds wall time of the training
 * @param created when it was trained (ISO-8601)
 * @param files SHA-256 of every file of the entry but the manifest, by file name
 */
public record FeatureNetworkManifest(
    int architectureVersion,
    FeatureTask task,
    String dataset,
    String testDataset,
    String datasetChecksum,
    int height,
    int width,
    int channels,
    int classes,
    ClassifierTraining training,
    int trainImages,
    int testImages,
    double testAccuracy,
    double trainingSeconds,
    String created,
    Map<String, String> files) {

  public FeatureNetworkManifest {
    task = task == null ? FeatureTask.CLASSES : task;
    requireNonNull(dataset, "dataset is null");
    requireNonNull(testDataset, "testDataset is null");
    requireNonNull(datasetChecksum, "datasetChecksum is null");
    requireNonNull(training, "training is null");
    requireNonNull(created, "created is null");
    files = Map.copyOf(requireNonNull(files, "files is null"));
  }
}
