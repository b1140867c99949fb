package io.gen4j.eval;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gen4j.security.ModelTrust;
import io.gen4j.security.SavedModelCheck;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Features from any image-to-features TensorFlow SavedModel ({@code gen4j eval --features DIR}), such as
 * an Inception network a user downloaded, so that FIDs can be measured the way a paper measured them.
 *
 * <p>The SavedModel is loaded with the tag {@code serve} and its {@code serving_default} signature,
 * which must have one float32 input of rank 4, {@code [batch, height, width, channels]} with 1 or 3
 * channels, and a float32 output (the only one, or the one named) of shape {@code [batch, d]}, or
 * {@code [batch, 1, 1, d]}, which is flattened. Images, with values in [0, 1], are prepared in a graph of
 * their own: resized bilinearly (half-pixel centres) to the input's height and width when the signature
 * fixes them, else to {@code size x size} when a size is given, else fed at their own size; grey images
 * are repeated into 3 channels when the input has 3; then mapped to the {@link InputRange} the network
 * expects. It gives no class probabilities, so IS and class coverage are not measured.
 */
public final class SavedModelFeatures implements FeatureSpace {

  /** Images prepared and embedded per run. */
  public static final int BATCH = 100;

  /** The signature used. */
  public static final String SIGNATURE = Signature.DEFAULT_KEY;

  /** The value range a network expects its input pixels in. */
  public enum InputRange {
    /** [0, 1], as gen4j's images (TF-Hub's image modules). */
    @JsonProperty("unit")
    UNIT(0f, 1f),
    /** [-1, 1] (Keras' Inception preprocessing, pytorch-fid's Inception). */
    @JsonProperty("symmetric")
    SYMMETRIC(-1f, 1f),
    /** [0, 255]. */
    @JsonProperty("byte")
    BYTE(0f, 255f);

    private final float low;
    private final float high;

    InputRange(float low, float high) {
      this.low = low;
      this.high = high;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "[%s, %s]", format(low), format(high));
    }

    private static String format(float value) {
      return value == Math.rint(value) ? Integer.toString((int) value) : Float.toString(value);
    }
  }

  /**
   * How to feed a SavedModel.
   *
   * @param range the value range its input expects
   * @param size the side images are resized to when the signature leaves the input's height and width
   *     open; empty to feed them at their own size
   * @param output the output holding the features, when the signature has several; empty for its only one
   */
  public record Options(InputRange range, OptionalInt size, Optional<String> output) {

    /** [0, 1], no size, the only output. */
    public static final Options DEFAULT = new Options(InputRange.UNIT, OptionalInt.empty(), Optional.empty());

    public Options {
      requireNonNull(range, "range is null");
      requireNonNull(size, "size is null");
      requireNonNull(output, "output is null");
      if (size.isPresent() && size.getAsInt() < 1) {
        throw new IllegalArgumentException("the input size must be at least 1, got " + size.getAsInt());
      }
    }
  }

  private final Path directory;
  private final Options options;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;
  private final Shape inputShape;
  private final String outputName;
  private final String checksum;
  private final ImageShape imageShape;
  private final Graph preparation;
  private final Session preparationSession;
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> prepared;

  private SavedModelFeatures(
      Path directory, Options options, SavedModelBundle bundle, SessionFunction function, String inputName,
      Shape inputShape, String outputName, String checksum, ImageShape imageShape) {
    this.directory = directory;
    this.options = options;
    this.bundle = bundle;
    this.function = function;
    this.inputName = inputName;
    this.inputShape = inputShape;
    this.outputName = outputName;
    this.checksum = checksum;
    this.imageShape = imageShape;
    this.preparation = new Graph();
    try {
      Ops tf = Ops.create(preparation);
      images = tf.withName("images").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, imageShape.height(), imageShape.width(), imageShape.channels())));
      Operand<TFloat32> x = images;
      OptionalInt height = known(inputShape.size(1));
      OptionalInt width = known(inputShape.size(2));
      int targetHeight = height.orElse(options.size().orElse(imageShape.height()));
      int targetWidth = width.orElse(options.size().orElse(imageShape.width()));
      if (targetHeight != imageShape.height() || targetWidth != imageShape.width()) {
        x = tf.image.resizeBilinear(x, tf.constant(new int[] {targetHeight, targetWidth}),
            ResizeBilinear.halfPixelCenters(true));
      }
      if (inputShape.size(3) == 3 && imageShape.channels() == 1) {
        x = tf.tile(x, tf.constant(new int[] {1, 1, 1, 3}));
      }
      InputRange range = options.range();
      prepared = tf.math.add(tf.math.mul(x, tf.constant(range.high - range.low)), tf.constant(range.low));
      preparationSession = new Session(preparation);
    } catch (RuntimeException e) {
      preparation.close();
      throw e;
    }
  }

  /** A provider that loads the SavedModel for the dataset's image shape, for {@link Evaluations}. */
  public static FeatureSpaceProvider provider(Path directory, Options options, ModelTrust trust) {
    requireNonNull(directory, "directory is null");
    requireNonNull(options, "options is null");
    requireNonNull(trust, "trust is null");
    return dataset -> load(directory, options, dataset.test().shape(), trust);
  }

  /**
   * Loads a SavedModel to embed images of {@code imageShape}, through {@link SavedModelCheck#load}: its
   * graph is checked against the allowed ops first unless {@code trust} is {@link ModelTrust#TRUSTED}.
   *
   * @throws io.gen4j.security.UntrustedModelException if the check refuses an op of the graph
   * @throws IllegalArgumentException naming the directory if it holds no loadable SavedModel, or its
   *     signature does not fit (no {@value #SIGNATURE}, not one float image input of rank 4, no float
   *     feature output), or it takes 1 channel and the images have 3
   */
  public static SavedModelFeatures load(Path directory, Options options, ImageShape imageShape, ModelTrust trust) {
    requireNonNull(directory, "directory is null");
    requireNonNull(options, "options is null");
    requireNonNull(imageShape, "imageShape is null");
    requireNonNull(trust, "trust is null");
    Path graphFile = directory.resolve("saved_model.pb");
    if (!Files.isRegularFile(graphFile)) {
      throw new IllegalArgumentException(directory + ": not a SavedModel directory (no saved_model.pb)");
    }
    String checksum;
    try {
      checksum = DatasetChecksum.sha256(Files.readAllBytes(graphFile));
    } catch (IOException e) {
      throw new IllegalArgumentException(graphFile + ": cannot read: " + e.getMessage(), e);
    }
    SavedModelBundle bundle = SavedModelCheck.load(directory, SavedModelBundle.DEFAULT_TAG, trust);
    try {
      SessionFunction function = bundle.functions().stream()
          .filter(candidate -> candidate.signature().key().equals(SIGNATURE))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(directory + ": the SavedModel has no signature '" + SIGNATURE
              + "'; it has " + new TreeSet<>(bundle.functions().stream().map(f -> f.signature().key()).toList())));
      Signature signature = function.signature();
      Map.Entry<String, Signature.TensorDescription> input = onlyInput(directory, signature);
      Shape inputShape = input.getValue().shape;
      if (inputShape.size(3) == 1 && imageShape.channels() == 3) {
        throw new IllegalArgumentException(directory + ": its input '" + input.getKey() + "' takes 1 channel "
            + inputShape + ", the images have 3 (" + imageShape + ")");
      }
      String output = output(directory, signature, options.output());
      return new SavedModelFeatures(directory, options, bundle, function, input.getKey(), inputShape, output,
          checksum, imageShape);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static Map.Entry<String, Signature.TensorDescription> onlyInput(Path directory, Signature signature) {
    Map<String, Signature.TensorDescription> inputs = signature.getInputs();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(directory + ": signature '" + SIGNATURE + "' must have one input (images),"
          + " it has " + new TreeSet<>(inputs.keySet()));
    }
    Map.Entry<String, Signature.TensorDescription> input = inputs.entrySet().iterator().next();
    Signature.TensorDescription description = input.getValue();
    long channels = description.shape.numDimensions() == 4 ? description.shape.size(3) : -1;
    if (description.dataType != DataType.DT_FLOAT || channels != 1 && channels != 3) {
      throw new IllegalArgumentException(directory + ": input '" + input.getKey() + "' is " + description.dataType
          + " " + description.shape + "; expected DT_FLOAT [batch, height, width, 1 or 3] images");
    }
    return input;
  }

  private static String output(Path directory, Signature signature, Optional<String> named) {
    Map<String, Signature.TensorDescription> outputs = signature.getOutputs();
    String name;
    if (named.isPresent()) {
      name = named.get();
      if (!outputs.containsKey(name)) {
        throw new IllegalArgumentException(directory + ": signature '" + SIGNATURE + "' has no output '" + name
            + "'; it has " + new TreeSet<>(outputs.keySet()));
      }
    } else if (outputs.size() == 1) {
      name = outputs.keySet().iterator().next();
    } else {
      throw new IllegalArgumentException(directory + ": signature '" + SIGNATURE + "' has outputs "
          + new TreeSet<>(outputs.keySet()) + "; name the one holding the features");
    }
    Signature.TensorDescription description = outputs.get(name);
    Shape shape = description.shape;
    boolean flat = shape.numDimensions() == 2
        || shape.numDimensions() == 4 && shape.size(1) == 1 && shape.size(2) == 1;
    if (description.dataType != DataType.DT_FLOAT || !flat) {
      throw new IllegalArgumentException(directory + ": output '" + name + "' is " + description.dataType + " "
          + shape + "; expected DT_FLOAT [batch, features] (or [batch, 1, 1, features])");
    }
    return name;
  }

  @Override
  public EvaluationReport.FeatureNetworkSummary summary() {
    String size = known(inputShape.size(1)).isPresent() && known(inputShape.size(2)).isPresent()
        ? inputShape.size(1) + "x" + inputShape.size(2)
        : options.size().isPresent() ? options.size().getAsInt() + "x" + options.size().getAsInt() : "their own size";
    String description = String.format(Locale.ROOT,
        "output '%s' of the SavedModel's %s signature; images resized to %s (bilinear), %d channels, values in %s",
        outputName, SIGNATURE, size, inputShape.size(3), options.range());
    return new EvaluationReport.FeatureNetworkSummary(EvaluationReport.FeatureNetworkSummary.Kind.SAVED_MODEL,
        description, null, checksum, null, null, directory.toString());
  }

  @Override
  public boolean accepts(ImageShape shape) {
    return imageShape.equals(shape);
  }

  @Override
  public Embedding embed(ImageBatch batch) {
    requireNonNull(batch, "batch is null");
    if (!accepts(batch.shape())) {
      throw new IllegalArgumentException(
          "the SavedModel features were prepared for images of " + imageShape + ", got " + batch.shape());
    }
    float[] pixels = batch.toArray();
    int size = imageShape.size();
    double[] values = null;
    int dimension = 0;
    for (int first = 0; first < batch.count(); first += BATCH) {
      int count = Math.min(BATCH, batch.count() - first);
      float[] chunk = Arrays.copyOfRange(pixels, first * size, (first + count) * size);
      try (TFloat32 input = TFloat32.tensorOf(
              Shape.of(count, imageShape.height(), imageShape.width(), imageShape.channels()),
              DataBuffers.of(chunk, true, false));
          Result preparedResult = preparationSession.runner().feed(images, input).fetch(prepared).run();
          Result result = call((TFloat32) preparedResult.get(0))) {
        TFloat32 features = (TFloat32) result.get(outputName)
            .orElseThrow(() -> new IllegalStateException(directory + ": the signature returned no " + outputName));
        if (values == null) {
          dimension = (int) (features.size() / count);
          values = new double[batch.count() * dimension];
        } else if (features.size() != (long) count * dimension) {
          throw new IllegalStateException(directory + ": output '" + outputName + "' changed size between batches");
        }
        float[] copy = new float[count * dimension];
        features.copyTo(DataBuffers.of(copy, false, false));
        for (int i = 0; i < copy.length; i++) {
          values[first * dimension + i] = copy[i];
        }
      }
    }
    return new Embedding(new Features(batch.count(), dimension, values), null);
  }

  private Result call(TFloat32 input) {
    try {
      return function.call(Map.of(inputName, (Tensor) input));
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException(directory + ": the SavedModel failed on a batch of " + imageShape
          + " images: " + firstLine(e.getMessage()), e);
    }
  }

  @Override
  public int datasetClasses() {
    return 0;
  }

  @Override
  public void close() {
    try {
      preparationSession.close();
      preparation.close();
    } finally {
      bundle.close();
    }
  }

  private static OptionalInt known(long size) {
    return size >= 0 ? OptionalInt.of((int) size) : OptionalInt.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.lines().findFirst().orElse("unknown error");
  }
}
