package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.eval.EvaluationReport;
import io.gen4j.eval.EvaluationTable;
import io.gen4j.export.NpyImages;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code gen4j eval}'s argument checks and user errors, and an evaluation in a SavedModel's features
 * (nothing here trains a feature network).
 */
class EvalCommandTest {

  @TempDir Path directory;

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gen4jCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void needsExactlyOneSource() {
    assertThat(run("eval").err()).contains("Missing required argument");
    Outcome both = run("eval", "--run", "a", "--samples", "b.npy");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aMissingOrMalformedSamplesFileIsAOneLineUsageError() throws Exception {
    Path missing = directory.resolve("missing.npy");
    Outcome outcome = run("eval", "--samples", missing.toString());
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("gen4j: " + missing + ": no such file" + System.lineSeparator());

    Path text = directory.resolve("text.npy");
    Files.writeString(text, "not numpy");
    Outcome malformed = run("eval", "--samples", text.toString());
    assertThat(malformed.status()).isEqualTo(2);
    assertThat(malformed.err()).isEqualTo(
        "gen4j: " + text + ": not a NumPy .npy file (it does not start with \\x93NUMPY)" + System.lineSeparator());
  }

  @Test
  void aDirectoryThatIsNotARunIsAUsageError() {
    Outcome outcome = run("eval", "--run", directory.toString());
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo(
        "gen4j: " + directory + ": not a gen4j run directory (no config.json)" + System.lineSeparator());
  }

  @Test
  void datasetAndOutGoWithSamplesOnly() {
    Outcome dataset = run("eval", "--run", directory.toString(), "--dataset", "mnist");
    assertThat(dataset.status()).isEqualTo(2);
    assertThat(dataset.err()).contains("--dataset goes with --samples or --reference; --run uses the run's dataset");
    Outcome out = run("eval", "--reference", "--out", "x.json");
    assertThat(out.status()).isEqualTo(2);
    assertThat(out.err()).contains("--out goes with --samples; --run writes DIR/eval.json");
  }

  @Test
  void samplesAreScoredInTheFeaturesOfASavedModel() throws Exception {
    Path model = channelMeans(directory.resolve("means"), false);
    float[] grey = new float[200 * 28 * 28];
    java.util.Arrays.fill(grey, 0.3f);
    Path samples = directory.resolve("grey.npy");
    NpyImages.write(new ImageBatch(ImageShape.MNIST, 200, grey), samples);

    Outcome outcome = run("eval", "--samples", samples.toString(), "--dataset", "mnist", "--features", model.toString(),
        "--features-range", "symmetric");

    assertThat(outcome.status()).as(outcome.err()).isZero();
    assertThat(outcome.out()).startsWith("features: output 'means' of the SavedModel's serving_default signature;"
        + " images resized to 14x14 (bilinear), 3 channels, values in [-1, 1] (" + model + ")" + System.lineSeparator()
        + EvaluationTable.SAVED_MODEL_NOTE + System.lineSeparator() + EvaluationTable.NO_CLASSES_NOTE);
    assertThat(outcome.out()).contains("200 samples against mnist's test split (10000 images)")
        .doesNotContain("predicted class");
    EvaluationReport report = EvaluationReport.read(directory.resolve("grey-eval.json"));
    assertThat(report.featureNetwork().kind()).isEqualTo(EvaluationReport.FeatureNetworkSummary.Kind.SAVED_MODEL);
    assertThat(report.model().inceptionScore()).isNull();
    assertThat(report.reference().fid()).isLessThan(report.model().fid());
  }

  /**
   * A SavedModel whose features are the channel means of a 14x14 RGB input, times a variable holding 1;
   * with {@code readsAFile}, its graph also holds a {@code ReadFile} node (named {@code read}), unconnected.
   */
  private static Path channelMeans(Path directory, boolean readsAFile) throws Exception {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      if (readsAFile) {
        tf.withName("read").io.readFile(tf.constant(directory.resolveSibling("secret").toString()));
      }
      Placeholder<TFloat32> pixels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 14, 14, 3)));
      Variable<TFloat32> scale = tf.variable(tf.constant(1f));
      Operand<TFloat32> means = tf.math.mul(tf.math.mean(pixels, tf.constant(new int[] {1, 2})), scale);
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(directory.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
            .withFunction(SessionFunction.create(
                Signature.builder().key(Signature.DEFAULT_KEY).input("x", pixels).output("means", means).build(),
                session))
            .export();
      }
    }
    return directory;
  }

  @Test
  void featureOptionsAreCheckedWithOneLineErrors() {
    Outcome range = run("eval", "--reference", "--features", directory.toString(), "--features-range", "percent");
    assertThat(range.status()).isEqualTo(2);
    assertThat(range.err()).contains("expected unit, symmetric or byte, got 'percent'");
    Outcome size = run("eval", "--reference", "--features-size", "299");
    assertThat(size.status()).isEqualTo(2);
    assertThat(size.err()).contains("--features-size, --features-output and --trust-model go with --features");
    Outcome trust = run("eval", "--reference", "--trust-model");
    assertThat(trust.status()).isEqualTo(2);
    assertThat(trust.err()).contains("--features-size, --features-output and --trust-model go with --features");
    Outcome notAModel = run("eval", "--reference", "--features", directory.toString());
    assertThat(notAModel.status()).isEqualTo(2);
    assertThat(notAModel.err()).isEqualTo(
        "gen4j: " + directory + ": not a SavedModel directory (no saved_model.pb)" + System.lineSeparator());
  }

  @Test
  void aFeatureModelWithAnOpOutsideTheAllowListIsRefusedInOneLine() throws Exception {
    Path model = channelMeans(directory.resolve("reads"), true);
    Outcome refused = run("eval", "--reference", "--dataset", "mnist", "--features", model.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("gen4j: " + model + ": refused to load the model: op 'ReadFile' (node 'read')"
        + " is not allowed in a generator graph; only math, neural-network, array, random and variable ops are"
        + " (--trust-model loads it anyway and runs whatever it does; only for models from a source you trust)"
        + System.lineSeparator());
  }
}
