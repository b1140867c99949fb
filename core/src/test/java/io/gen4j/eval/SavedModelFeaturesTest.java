package io.gen4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gen4j.data.ImageDataset;
import io.gen4j.security.ModelTrust;
import io.gen4j.security.UntrustedModelException;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.testing.ColourImages;
import io.gen4j.testing.MomentsSavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SavedModels built by the test ({@link MomentsSavedModel}), whose features are known by hand. */
class SavedModelFeaturesTest {

  @TempDir Path directory;

  private Path momentsModel(String name, long height, long width, long channels, boolean secondOutput)
      throws Exception {
    return MomentsSavedModel.write(directory.resolve(name), height, width, channels, secondOutput);
  }

  private static ImageBatch constant(ImageShape shape, int count, float... channels) {
    float[] pixels = new float[count * shape.size()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = channels[i % shape.channels()];
    }
    return new ImageBatch(shape, count, pixels);
  }

  private static SavedModelFeatures checked(Path model, SavedModelFeatures.Options options, ImageShape shape) {
    return SavedModelFeatures.load(model, options, shape, ModelTrust.CHECKED);
  }

  private static SavedModelFeatures.Options options(SavedModelFeatures.InputRange range, Integer size) {
    return new SavedModelFeatures.Options(range, size == null ? OptionalInt.empty() : OptionalInt.of(size),
        Optional.empty());
  }

  @Test
  void colourImagesAreResizedToTheFixedInputAndMappedToItsRange() throws Exception {
    Path model = momentsModel("fixed", 8, 8, 3, false);
    ImageShape shape = new ImageShape(32, 32, 3);
    try (SavedModelFeatures unit = checked(model, SavedModelFeatures.Options.DEFAULT, shape)) {
      Embedding embedding = unit.embed(constant(shape, 3, 0.2f, 0.4f, 0.6f));
      assertThat(embedding.classified()).isFalse();
      assertThat(embedding.features().count()).isEqualTo(3);
      assertThat(embedding.features().dimension()).isEqualTo(6);
      assertThat(embedding.features().row(2)).containsExactly(new double[] {0.2, 0.4, 0.6, 0.04, 0.16, 0.36},
          within(1e-6));
      assertThat(unit.datasetClasses()).isZero();
      assertThat(unit.accepts(shape)).isTrue();
      assertThat(unit.accepts(new ImageShape(8, 8, 3))).isFalse();
      EvaluationReport.FeatureNetworkSummary summary = unit.summary();
      assertThat(summary.kind()).isEqualTo(EvaluationReport.FeatureNetworkSummary.Kind.SAVED_MODEL);
      assertThat(summary.description()).isEqualTo("output 'moments' of the SavedModel's serving_default signature;"
          + " images resized to 8x8 (bilinear), 3 channels, values in [0, 1]");
      assertThat(summary.datasetChecksum())
          .isEqualTo(DatasetChecksum.sha256(Files.readAllBytes(model.resolve("saved_model.pb"))));
      assertThat(summary.cacheEntry()).isEqualTo(model.toString());
      assertThat(summary.testAccuracy()).isNull();
    }
    try (SavedModelFeatures symmetric = checked(
        model, options(SavedModelFeatures.InputRange.SYMMETRIC, null), shape)) {
      assertThat(symmetric.embed(constant(shape, 1, 0.2f, 0.4f, 0.6f)).features().row(0))
          .containsExactly(new double[] {-0.6, -0.2, 0.2, 0.36, 0.04, 0.04}, within(1e-6));
      assertThat(symmetric.summary().description()).endsWith("values in [-1, 1]");
    }
    try (SavedModelFeatures bytes = checked(
        model, options(SavedModelFeatures.InputRange.BYTE, null), shape)) {
      assertThat(bytes.embed(constant(shape, 1, 0.2f, 0.4f, 0.6f)).features().row(0)[0]).isCloseTo(51, within(1e-3));
    }
  }

  @Test
  void resizingIsBilinearNotACrop() throws Exception {
    Path model = momentsModel("fixed", 2, 2, 3, false);
    ImageShape shape = new ImageShape(4, 4, 3);
    float[] pixels = new float[shape.size()];
    // the left half red, the right half blue: halving keeps the halves
    for (int row = 0; row < 4; row++) {
      for (int column = 0; column < 4; column++) {
        pixels[(row * 4 + column) * 3 + (column < 2 ? 0 : 2)] = 1f;
      }
    }
    try (SavedModelFeatures features = checked(model, SavedModelFeatures.Options.DEFAULT, shape)) {
      assertThat(features.embed(new ImageBatch(shape, 1, pixels)).features().row(0))
          .containsExactly(new double[] {0.5, 0, 0.5, 0.5, 0, 0.5}, within(1e-6));
    }
  }

  @Test
  void greyImagesAreRepeatedIntoThreeChannelsAndOpenSizesTakeTheGivenOne() throws Exception {
    Path model = momentsModel("open", -1, -1, 3, false);
    ImageShape grey = new ImageShape(28, 28, 1);
    try (SavedModelFeatures features = checked(
        model, options(SavedModelFeatures.InputRange.UNIT, 16), grey)) {
      assertThat(features.embed(constant(grey, 2, 0.5f)).features().row(1))
          .containsExactly(new double[] {0.5, 0.5, 0.5, 0.25, 0.25, 0.25}, within(1e-6));
      assertThat(features.summary().description()).contains("images resized to 16x16 (bilinear), 3 channels");
    }
    try (SavedModelFeatures features = checked(model, SavedModelFeatures.Options.DEFAULT, grey)) {
      assertThat(features.summary().description()).contains("images resized to their own size (bilinear)");
      assertThat(features.embed(constant(grey, 1, 0.25f)).features().row(0)[3]).isCloseTo(0.0625, within(1e-6));
    }
  }

  @Test
  void aModelThatDoesNotFitIsRefusedWithALineNamingTheDirectory() throws Exception {
    ImageShape colour = new ImageShape(8, 8, 3);
    Path missing = directory.resolve("nothing");
    assertThatThrownBy(() -> checked(missing, SavedModelFeatures.Options.DEFAULT, colour))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(missing + ": not a SavedModel directory (no saved_model.pb)");

    Path greyModel = momentsModel("grey", 8, 8, 1, false);
    assertThatThrownBy(() -> checked(greyModel, SavedModelFeatures.Options.DEFAULT, colour))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(greyModel + ": its input 'x' takes 1 channel [-1, 8, 8, 1], the images have 3 (8x8x3)");

    Path twoOutputs = momentsModel("two", 8, 8, 3, true);
    assertThatThrownBy(() -> checked(twoOutputs, SavedModelFeatures.Options.DEFAULT, colour))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(twoOutputs + ": signature 'serving_default' has outputs [means, moments]; name the one holding the"
            + " features");
    SavedModelFeatures.Options named = new SavedModelFeatures.Options(
        SavedModelFeatures.InputRange.UNIT, OptionalInt.empty(), Optional.of("logits"));
    assertThatThrownBy(() -> checked(twoOutputs, named, colour))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(twoOutputs + ": signature 'serving_default' has no output 'logits'; it has [means, moments]");
    SavedModelFeatures.Options means = new SavedModelFeatures.Options(
        SavedModelFeatures.InputRange.UNIT, OptionalInt.empty(), Optional.of("means"));
    try (SavedModelFeatures features = checked(twoOutputs, means, colour)) {
      assertThat(features.embed(constant(colour, 1, 0.1f, 0.2f, 0.3f)).features().row(0))
          .containsExactly(new double[] {0.1, 0.2, 0.3}, within(1e-6));
    }
  }

  @Test
  void aModelWithAnOpOutsideTheAllowListLoadsOnlyWhenTrusted() throws Exception {
    Path model = MomentsSavedModel.writeReadingAFile(directory.resolve("reads"), directory.resolve("secret"));
    ImageShape shape = new ImageShape(8, 8, 3);
    assertThatThrownBy(() -> checked(model, SavedModelFeatures.Options.DEFAULT, shape))
        .isInstanceOf(UntrustedModelException.class)
        .hasMessage(model + ": refused to load the model: op 'ReadFile' (node 'read') is not allowed in a generator"
            + " graph; only math, neural-network, array, random and variable ops are (--trust-model loads it anyway"
            + " and runs whatever it does; only for models from a source you trust)");
    try (SavedModelFeatures trusted =
        SavedModelFeatures.load(model, SavedModelFeatures.Options.DEFAULT, shape, ModelTrust.TRUSTED)) {
      assertThat(trusted.embed(constant(shape, 1, 0.1f, 0.2f, 0.3f)).features().row(0)[2]).isCloseTo(0.3, within(1e-6));
    }
  }

  @Test
  void anEvaluationInASavedModelsFeaturesHasNoClassMetricsAndSaysWhatItMeasuredIn() throws Exception {
    Path model = momentsModel("fixed", 8, 8, 3, false);
    ImageDataset train = ColourImages.discs("discs-train", 300, 16, 16, 1);
    ImageDataset test = ColourImages.discs("discs-test", 200, 16, 16, 2);
    EvaluationDataset dataset = new EvaluationDataset("discs", train, test);
    float[] grey = new float[100 * 16 * 16 * 3];
    Arrays.fill(grey, 0.5f);
    EvaluationSettings settings = new EvaluationSettings(100, 3, 5, 50, 3);
    EvaluationReport report = Evaluations.evaluate(
        new ImageSamples("grey", new ImageBatch(new ImageShape(16, 16, 3), 100, grey)), dataset, settings,
        SavedModelFeatures.provider(model, SavedModelFeatures.Options.DEFAULT, ModelTrust.CHECKED), Map.of());

    assertThat(report.featureNetwork().kind()).isEqualTo(EvaluationReport.FeatureNetworkSummary.Kind.SAVED_MODEL);
    assertThat(report.model().hasClassMetrics()).isFalse();
    assertThat(report.model().inceptionScore()).isNull();
    // real discs are far closer to the test discs than flat grey is
    assertThat(report.reference().fid()).isLessThan(report.model().fid() / 10);
    assertThat(report.reference().precision()).isGreaterThan(report.model().precision());
    String table = EvaluationTable.format(report, "model");
    assertThat(table).startsWith("features: output 'moments' of the SavedModel's serving_default signature;"
        + " images resized to 8x8 (bilinear), 3 channels, values in [0, 1] (" + model + ")\n"
        + EvaluationTable.SAVED_MODEL_NOTE + "\n" + EvaluationTable.NO_CLASSES_NOTE + "\n");
    assertThat(table).doesNotContain("predicted class");
    Path written = directory.resolve("eval.json");
    report.write(written);
    assertThat(Files.readString(written)).doesNotContain("inceptionScore").contains("\"kind\" : \"saved-model\"");
    assertThat(EvaluationReport.read(written).model().inceptionScore()).isNull();
  }
}
