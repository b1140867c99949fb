package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a conditional model draws the classes it is asked for, measured with the dataset's feature
 * network: its accuracy on the requested labels (the share of samples it classifies as the class they
 * were drawn for; real test images reach the network's test accuracy), and per class the accuracy and
 * the FID between the samples drawn for the class and the test images of the class.
 *
 * @param accuracy over all samples, in [0, 1]
 * @param classes one row per class, by label
 */
public record ConditionalMetrics(double accuracy, List<ClassRow> classes) {

  public ConditionalMetrics {
    classes = List.copyOf(requireNonNull(classes, "classes is null"));
  }

  /**
   * One class.
   *
   * @param label the class
   * @param samples the samples drawn for it
   * @param accuracy the share of them the feature network assigns to it
   * @param fid the Fréchet distance between their features and those of the test images of the class
   */
  public record ClassRow(int label, int samples, double accuracy, double fid) {}

  /** The mean of the per-class FIDs. */
  public double meanClassFid() {
    return classes.stream().mapToDouble(ClassRow::fid).average().orElse(Double.NaN);
  }

  /**
   * Measures samples drawn for given labels against the labelled test split.
   *
   * @param samples the samples' embedding
   * @param requested the label each sample was drawn for
   * @param test the test split's embedding
   * @param testLabels the test images' labels
   * @param classCount the number of classes
   * @throws IllegalArgumentException when a class has fewer than two samples or test images, too few for
   *     an FID
   */
  public static ConditionalMetrics of(
      Embedding samples, int[] requested, Embedding test, int[] testLabels, int classCount) {
    if (requested.length != samples.count() || testLabels.length != test.count()) {
      throw new IllegalArgumentException("one label per image: " + samples.count() + " samples with "
          + requested.length + " labels, " + test.count() + " test images with " + testLabels.length);
    }
    int[] predicted = samples.predictedClasses();
    int correct = 0;
    List<ClassRow> rows = new ArrayList<>();
    for (int label = 0; label < classCount; label++) {
      List<Integer> drawn = indicesOf(requested, label);
      List<Integer> real = indicesOf(testLabels, label);
      if (drawn.size() < 2 || real.size() < 2) {
        throw new IllegalArgumentException("class " + label + " has " + drawn.size() + " samples and " + real.size()
            + " test images; a per-class FID needs at least 2 of each (draw more samples with --n)");
      }
      int right = (int) drawn.stream().filter(index -> predicted[index] == requested[index]).count();
      correct += right;
      double fid = FrechetDistance.between(test.features().select(toArray(real)), samples.features().select(toArray(drawn)));
      rows.add(new ClassRow(label, drawn.size(), right / (double) drawn.size(), fid));
    }
    return new ConditionalMetrics(correct / (double) samples.count(), rows);
  }

  private static List<Integer> indicesOf(int[] labels, int label) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        indices.add(i);
      }
    }
    return indices;
  }

  private static int[] toArray(List<Integer> indices) {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }
}
