package io.gen4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Labels of real batches reach a model that asks for them, batch by batch, with their images. */
class LabelledBatchesTest {

  private static final ImageShape SHAPE = new ImageShape(1, 1, 1);
  private static final int BATCH = 4;
  private static final int CLASSES = 7;
  private static final Map<String, OptimizerConfig> SGD_LIKE =
      Map.of("net", new OptimizerConfig.Adam(0.001f, 0.5f, 0.999f, 1e-7f));

  /** Image i has label i % 7 and the single pixel byte 30 * (i % 7), so each pixel tells its label. */
  private static ImageDataset pixelsTellLabels() {
    int count = 50;
    byte[] pixels = new byte[count];
    byte[] labels = new byte[count];
    for (int image = 0; image < count; image++) {
      labels[image] = (byte) (image % CLASSES);
      pixels[image] = (byte) (30 * (image % CLASSES));
    }
    return new ImageDataset("labelled", SHAPE, pixels, labels, count);
  }

  @Test
  void everyFedBatchCarriesTheLabelsOfItsOwnImages() {
    ImageDataset dataset = pixelsTellLabels();
    assertThat(dataset.classCount()).isEqualTo(CLASSES);
    try (ModelAssembly assembly = ModelAssembly.build(
            new LabelReader(true), SHAPE, CLASSES, BATCH, 3, SGD_LIKE, ImageInput.FED);
        Session session = new Session(assembly.graph());
        BatchPrefetcher batches = new BatchPrefetcher(dataset, BATCH, 3, PixelRange.UNIT, 0);
        SessionObjectiveRunner runner = new SessionObjectiveRunner(session, assembly, batches, SHAPE, BATCH, 3, 0)) {
      session.initialize();
      for (long step = 0; step < 30; step++) {
        runner.startIteration(step);
        Map<String, Float> metrics = runner.update("fit");
        assertThat(metrics.get("label_mismatch")).as("step %d", step).isLessThan(1e-3f);
        assertThat(metrics.get("class_count")).isEqualTo(CLASSES);
      }
    }
  }

  @Test
  void syntheticLabelsLieInTheClassRange() {
    try (ModelAssembly assembly = ModelAssembly.build(
            new LabelReader(true), SHAPE, CLASSES, BATCH, 3, SGD_LIKE, ImageInput.SYNTHETIC);
        Session session = new Session(assembly.graph());
        SessionObjectiveRunner runner = SessionObjectiveRunner.withoutData(session, assembly, SHAPE, BATCH, 3)) {
      session.initialize();
      for (long step = 0; step < 20; step++) {
        runner.startIteration(step);
        Map<String, Float> metrics = runner.update("fit");
        assertThat(metrics.get("label_min")).isGreaterThanOrEqualTo(0f);
        assertThat(metrics.get("label_max")).isLessThan(CLASSES);
      }
    }
  }

  @Test
  void aModelThatUsesLabelsNeedsALabelledDataset() {
    assertThatThrownBy(() -> ModelAssembly.build(new LabelReader(true), SHAPE, 0, BATCH, 3, SGD_LIKE, ImageInput.FED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model uses labels, but the dataset has none");
  }

  @Test
  void aModelMustDeclareThatItUsesLabelsToReadThem() {
    assertThatThrownBy(() -> ModelAssembly.build(new LabelReader(false), SHAPE, CLASSES, BATCH, 3, SGD_LIKE,
            ImageInput.FED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("usesLabels() is false");
  }

  /** Fits one weight, and reports how far each image's pixel is from what its label says it is. */
  private static final class LabelReader implements GenerativeModel {
    private final boolean declares;

    LabelReader(boolean declares) {
      this.declares = declares;
    }

    @Override
    public boolean usesLabels() {
      return declares;
    }

    @Override
    public PixelRange pixelRange() {
      return PixelRange.UNIT;
    }

    @Override
    public ModelGraph build(GraphContext context) {
      Ops tf = context.tf();
      NetworkBuilder net = context.network("net");
      Variable<TFloat32> weight = net.variable("weight", () -> tf.zeros(tf.constant(new long[] {1}), TFloat32.class));
      Operand<TFloat32> labels = tf.dtypes.cast(context.realLabels(), TFloat32.class);
      Operand<TFloat32> pixels = tf.reshape(context.realImages(), tf.constant(new long[] {BATCH}));
      Operand<TFloat32> labelOfPixel = tf.math.div(tf.math.mul(pixels, tf.constant(255f)), tf.constant(30f));
      Operand<TFloat32> mismatch = tf.reduceMax(tf.math.abs(tf.math.sub(labelOfPixel, labels)), tf.constant(0));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.square(tf.math.sub(weight, tf.math.mean(labels, tf.constant(0)))),
          tf.constant(0));
      Objective fit = Objective.of("fit", net.network(), loss, true).withMetrics(Map.of(
          "label_mismatch", mismatch,
          "label_min", tf.reduceMin(labels, tf.constant(0)),
          "label_max", tf.reduceMax(labels, tf.constant(0)),
          "class_count", tf.constant((float) context.classCount())));
      Placeholder<TFloat32> latent = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TFloat32> samples = tf.reshape(tf.math.sigmoid(latent), tf.constant(new long[] {-1, 1, 1, 1}));
      return new ModelGraph(List.of(fit), latent, samples);
    }
  }
}
