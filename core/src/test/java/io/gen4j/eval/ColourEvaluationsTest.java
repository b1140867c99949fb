package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.data.ImageDataset;
import io.gen4j.spi.ImageBatch;
import io.gen4j.testing.ColourImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluations of colour images in gen4j's own feature spaces: a classifier for a labelled dataset, a
 * rotation network for one without labels.
 */
class ColourEvaluationsTest {

  private static final EvaluationSettings SETTINGS = new EvaluationSettings(120, 3, 5, 60, 3);
  private static final ClassifierTraining QUICK = new ClassifierTraining(2, 0, 32, 0.003f, 5, 0);

  @TempDir Path cacheDirectory;

  /** The images of a dataset, as a sample source. */
  private static ImageSamples images(String name, ImageDataset dataset) {
    return new ImageSamples(name, DatasetImages.all(dataset));
  }

  @Test
  void aLabelledColourDatasetIsScoredWithItsClassifierIncludingTheClassMetrics() {
    ImageDataset train = ColourImages.discs("discs-train", 480, 16, 16, 1);
    ImageDataset test = ColourImages.discs("discs-test", 150, 16, 16, 2);
    EvaluationDataset dataset = new EvaluationDataset("discs", train, test);
    ImageDataset others = ColourImages.discs("discs-other", SETTINGS.samples(), 16, 16, 3);

    EvaluationReport report = Evaluations.evaluate(images("other discs", others), dataset, SETTINGS,
        new FeatureNetworkCache(cacheDirectory, QUICK), Map.of());

    assertThat(report.featureNetwork().kind()).isEqualTo(EvaluationReport.FeatureNetworkSummary.Kind.CLASSIFIER);
    assertThat(report.featureNetwork().description())
        .startsWith("128-d penultimate layer of a classifier trained on discs-train (6 classes), test accuracy");
    assertThat(report.model().hasClassMetrics()).isTrue();
    assertThat(report.model().classHistogram()).hasSize(ColourImages.CLASSES);
    assertThat(Arrays.stream(report.model().classHistogram()).sum()).isEqualTo(SETTINGS.samples());
    assertThat(report.model().inceptionScore()).isBetween(1.0, (double) ColourImages.CLASSES);
    String table = EvaluationTable.format(report, "model");
    assertThat(table).contains(EvaluationTable.BUILT_IN_NOTE).contains("predicted class")
        .doesNotContain(EvaluationTable.NO_CLASSES_NOTE);
  }

  @Test
  void aDatasetWithoutLabelsIsScoredInRotationFeaturesWithoutClassMetrics() {
    ImageDataset train = ColourImages.scenes("scenes-train", 480, 16, 16, 1);
    ImageDataset test = ColourImages.scenes("scenes-test", 150, 16, 16, 2);
    EvaluationDataset dataset = new EvaluationDataset("scenes", train, test);
    // the same scenes upside down: nothing like the test split in a space that knows up from down
    ImageBatch upsideDown = Rotations.rotateAll(
        DatasetImages.all(ColourImages.scenes("scenes-other", SETTINGS.samples(), 16, 16, 3)), 2);

    EvaluationReport report = Evaluations.evaluate(new ImageSamples("upside down", upsideDown), dataset, SETTINGS,
        new FeatureNetworkCache(cacheDirectory, QUICK), Map.of());

    assertThat(report.featureNetwork().kind()).isEqualTo(EvaluationReport.FeatureNetworkSummary.Kind.ROTATION);
    assertThat(report.model().hasClassMetrics()).isFalse();
    assertThat(report.reference().hasClassMetrics()).isFalse();
    assertThat(report.reference().fid()).isLessThan(report.model().fid());
    String table = EvaluationTable.format(report, "model");
    assertThat(table).startsWith("features: 128-d penultimate layer of a network trained to tell the rotation");
    assertThat(table).contains(EvaluationTable.BUILT_IN_NOTE).contains(EvaluationTable.NO_CLASSES_NOTE)
        .doesNotContain("predicted class");
  }
}
