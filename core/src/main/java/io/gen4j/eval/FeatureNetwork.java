package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import io.gen4j.config.OptimizerConfig;
import io.gen4j.data.Batch;
import io.gen4j.data.BatchOrder;
import io.gen4j.data.BatchPrefetcher;
import io.gen4j.data.ImageDataset;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.graph.Optimizers;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The network whose penultimate layer is gen4j's feature space for a dataset: two convolution blocks
 * (3x3 convolution with 32, then 64 filters, ReLU, 2x2 max pooling), a dense layer of {@value
 * #FEATURES} units with ReLU (the features), and a softmax over what it was trained to predict ({@link
 * FeatureTask}): the dataset's classes, or, for a dataset without labels, the rotation of the image.
 * Inputs are images with values in [0, 1].
 *
 * <p>Owns a TensorFlow graph and session; close it.
 */
public final class FeatureNetwork implements AutoCloseable {

  /** Size of the feature vectors. */
  public static final int FEATURES = 128;

  /**
   * Version of the architecture and its training recipe; cached networks of another version are
   * rebuilt. Raise it whenever either changes.
   */
  public static final int ARCHITECTURE_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(FeatureNetwork.class);
  private static final String NETWORK = "classifier";
  private static final int FIRST_FILTERS = 32;
  private static final int SECOND_FILTERS = 64;
  private static final int INFERENCE_BATCH = 500;
  private static final int LOG_EVERY_STEPS = 200;

  private final Graph graph;
  private final Session session;
  private final ImageShape shape;
  private final int classes;
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> features;
  private final Operand<TFloat32> probabilities;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> loss;
  private final Op update;
  private final Op fineTuningUpdate;

  private FeatureNetwork(ImageShape shape, int classes, long seed, ClassifierTraining training) {
    this.shape = requireNonNull(shape, "shape is null");
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least two classes, got " + classes);
    }
    this.classes = classes;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      NetworkBuilder network = new NetworkBuilder(tf, NETWORK, seed);
      images = tf.withName("images").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
      Operand<TFloat32> block1 = block(network, "conv1", images, shape.channels(), FIRST_FILTERS);
      Operand<TFloat32> block2 = block(network, "conv2", block1, FIRST_FILTERS, SECOND_FILTERS);
      int flat = halved(halved(shape.height())) * halved(halved(shape.width())) * SECOND_FILTERS;
      Operand<TFloat32> flattened = Layers.flatten(tf, block2, flat);
      features = tf.withName("features").nn.relu(Layers.dense(network, "features", flattened, flat, FEATURES));
      Operand<TFloat32> logits = Layers.dense(network, "logits", features, FEATURES, classes);
      probabilities = tf.withName("probabilities").nn.softmax(logits);
      if (training != null) {
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.withName("loss").math.mean(
            tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
        update = adamUpdate(network, loss, training.learningRate(), "training");
        fineTuningUpdate = adamUpdate(network, loss, training.learningRate() / 10, "fine_tuning");
      } else {
        labels = null;
        loss = null;
        update = null;
        fineTuningUpdate = null;
      }
      session = new Session(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Trains a new network on a labelled dataset (its first {@link ClassifierTraining#limit()} images
   * when that is set), logging progress.
   *
   * @param classes the number of classes; every label must be below it
   */
  public static FeatureNetwork train(ImageDataset dataset, int classes, ClassifierTraining training) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(training, "training is null");
    if (!dataset.labelled()) {
      throw new IllegalArgumentException(dataset.name() + ": the feature network needs labelled images");
    }
    return trained(dataset, classes, training, FeatureTask.CLASSES);
  }

  /**
   * Trains a new network to tell the rotation of a dataset's images, labels or not (its first {@link
   * ClassifierTraining#limit()} images when that is set): every image of a batch is turned by a rotation
   * drawn from the seed and the step, and that rotation is its target. Logs progress.
   */
  public static FeatureNetwork trainRotation(ImageDataset dataset, ClassifierTraining training) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(training, "training is null");
    return trained(dataset, Rotations.classes(dataset.shape()), training, FeatureTask.ROTATION);
  }

  private static FeatureNetwork trained(
      ImageDataset dataset, int classes, ClassifierTraining training, FeatureTask task) {
    ImageDataset images = training.limit() > 0 && training.limit() < dataset.count()
        ? dataset.slice(training.limit())
        : dataset;
    FeatureNetwork network = new FeatureNetwork(images.shape(), classes, training.seed(), training);
    try {
      network.fit(images, training, task);
      return network;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /** A network with the variables {@link #save} wrote under {@code variablesPrefix}. */
  public static FeatureNetwork restore(Path variablesPrefix, ImageShape shape, int classes) {
    requireNonNull(variablesPrefix, "variablesPrefix is null");
    FeatureNetwork network = new FeatureNetwork(shape, classes, 0, null);
    try {
      network.session.restore(variablesPrefix.toString());
      return network;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /** Saves the variables with {@code variablesPrefix} as the prefix of TensorFlow's checkpoint files. */
  public void save(Path variablesPrefix) {
    session.save(requireNonNull(variablesPrefix, "variablesPrefix is null").toString());
  }

  /** The shape of the images it takes. */
  public ImageShape shape() {
    return shape;
  }

  /** The number of classes it predicts. */
  public int classes() {
    return classes;
  }

  /** Features and class probabilities of a batch of images (values in [0, 1]) of this network's shape. */
  public Embedding embed(ImageBatch batch) {
    requireNonNull(batch, "batch is null");
    if (!batch.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "the feature network takes images of " + shape + ", got " + batch.shape());
    }
    float[] pixels = batch.toArray();
    List<Embedding> parts = new ArrayList<>();
    for (int first = 0; first < batch.count(); first += INFERENCE_BATCH) {
      int count = Math.min(INFERENCE_BATCH, batch.count() - first);
      parts.add(embed(pixels, first, count));
    }
    return Embedding.concatenate(parts);
  }

  /**
   * The share of a dataset's images, each in every rotation, whose most probable rotation is the one it
   * was turned by: the test accuracy of a {@link FeatureTask#ROTATION} network.
   */
  public double rotationAccuracy(ImageDataset dataset) {
    requireNonNull(dataset, "dataset is null");
    ImageBatch images = DatasetImages.all(dataset);
    int correct = 0;
    for (int rotation = 0; rotation < classes; rotation++) {
      for (int predicted : embed(Rotations.rotateAll(images, rotation)).predictedClasses()) {
        if (predicted == rotation) {
          correct++;
        }
      }
    }
    return (double) correct / ((long) dataset.count() * classes);
  }

  /** The share of a labelled dataset's images whose most probable class is their label. */
  public double accuracy(ImageDataset dataset) {
    requireNonNull(dataset, "dataset is null");
    int[] predicted = embed(DatasetImages.all(dataset)).predictedClasses();
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] == dataset.label(i)) {
        correct++;
      }
    }
    return (double) correct / dataset.count();
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }

  private void fit(ImageDataset dataset, ClassifierTraining training, FeatureTask task) {
    if (task == FeatureTask.CLASSES) {
      for (int i = 0; i < dataset.count(); i++) {
        if (dataset.label(i) >= classes) {
          throw new IllegalArgumentException(
              dataset.name() + ": image " + i + " has label " + dataset.label(i) + ", expected below " + classes);
        }
      }
    }
    session.initialize();
    int batchSize = Math.min(training.batchSize(), dataset.count());
    long stepsPerEpoch = new BatchOrder(dataset.count(), batchSize, training.seed()).batchesPerEpoch();
    long trainingSteps = stepsPerEpoch * training.epochs();
    long steps = trainingSteps + stepsPerEpoch * training.fineTuningEpochs();
    LOG.info("training the feature network on {} ({} images, {}, {} + {} epochs, {} steps)", dataset.name(),
        dataset.count(), task == FeatureTask.CLASSES ? classes + " classes" : classes + " rotations",
        training.epochs(), training.fineTuningEpochs(), steps);
    long start = System.nanoTime();
    double lossSum = 0;
    int lossCount = 0;
    try (BatchPrefetcher batches = new BatchPrefetcher(dataset, batchSize, training.seed(), PixelRange.UNIT, 0)) {
      for (long step = 1; step <= steps; step++) {
        Batch batch = batches.next();
        float[] pixels = batch.pixels();
        int[] targets = batch.labels();
        if (task == FeatureTask.ROTATION) {
          SplittableRandom rotations = new SplittableRandom(training.seed() ^ (step * 0x9E3779B97F4A7C15L));
          targets = new int[batchSize];
          pixels = new float[batch.pixels().length];
          for (int image = 0; image < batchSize; image++) {
            targets[image] = rotations.nextInt(classes);
            Rotations.rotate(batch.pixels(), image, shape, targets[image], pixels, image);
          }
        }
        try (TFloat32 input = TFloat32.tensorOf(
                Shape.of(batchSize, shape.height(), shape.width(), shape.channels()),
                DataBuffers.of(pixels, true, false));
            TInt32 target = TInt32.tensorOf(Shape.of(batchSize), DataBuffers.of(targets, true, false));
            Result result = session.runner().feed(images, input).feed(labels, target)
                .addTarget(step <= trainingSteps ? update : fineTuningUpdate).fetch(loss).run()) {
          lossSum += ((TFloat32) result.get(0)).getFloat();
          lossCount++;
        }
        if (step % LOG_EVERY_STEPS == 0 || step == steps) {
          double seconds = (System.nanoTime() - start) / 1e9;
          LOG.info(String.format(Locale.ROOT, "feature network step %d/%d  loss %.4f  %.0fs", step, steps,
              lossSum / lossCount, seconds));
          lossSum = 0;
          lossCount = 0;
        }
      }
    }
  }

  private Embedding embed(float[] pixels, int first, int count) {
    int size = shape.size();
    float[] slice = new float[count * size];
    System.arraycopy(pixels, first * size, slice, 0, slice.length);
    try (TFloat32 input = TFloat32.tensorOf(
            Shape.of(count, shape.height(), shape.width(), shape.channels()), DataBuffers.of(slice, true, false));
        Result result = session.runner().feed(images, input).fetch(features).fetch(probabilities).run()) {
      float[] featureValues = new float[count * FEATURES];
      float[] probabilityValues = new float[count * classes];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(featureValues, false, false));
      ((TFloat32) result.get(1)).copyTo(DataBuffers.of(probabilityValues, false, false));
      double[] featureDoubles = new double[featureValues.length];
      for (int i = 0; i < featureValues.length; i++) {
        featureDoubles[i] = featureValues[i];
      }
      double[][] rows = new double[count][classes];
      for (int i = 0; i < count; i++) {
        for (int c = 0; c < classes; c++) {
          rows[i][c] = probabilityValues[i * classes + c];
        }
      }
      return new Embedding(new Features(count, FEATURES, featureDoubles), rows);
    }
  }

  private static Operand<TFloat32> block(
      NetworkBuilder network, String layer, Operand<TFloat32> input, int inputChannels, int filters) {
    Ops tf = network.tf();
    Operand<TFloat32> activated = tf.nn.relu(Layers.conv2d(network, layer, input, inputChannels, filters, 3, 1));
    return tf.nn.maxPool(activated, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME");
  }

  /**
   * An Adam step of its own on every weight of the network: fresh moments, kept apart from the other
   * phase's in a name scope of the phase.
   */
  private static Op adamUpdate(NetworkBuilder network, Operand<TFloat32> loss, float learningRate, String phase) {
    OptimizerConfig.Adam defaults = OptimizerConfig.Adam.DEFAULT;
    OptimizerConfig.Adam adam =
        new OptimizerConfig.Adam(learningRate, defaults.beta1(), defaults.beta2(), defaults.epsilon());
    return Optimizers.minimize(network.tf().withSubScope(phase), NETWORK + "_update", adam, loss,
        network.network().variables());
  }

  private static int halved(int size) {
    return (size + 1) / 2;
  }
}
