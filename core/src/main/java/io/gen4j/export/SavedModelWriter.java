package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.PixelRange;
import io.gen4j.train.ModelAssembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a model's sampling path (a GAN's generator, a VAE's decoder) as a TensorFlow SavedModel with
 * one serving signature: {@value #INPUT_NAME} {@code [n, latentSize]} float32 in (and, for a
 * conditional model, {@value #LABELS_NAME} {@code [n]} int32 class labels), {@value #OUTPUT_NAME}
 * {@code [n, height, width, channels]} float32 in [0, 1] out.
 *
 * <p>Only the ops that {@link ModelGraph#samples()} depends on are exported, with their variables:
 * no discriminator, encoder, optimizer or training input. A model with weight averaging exports the
 * averaged weights, since its sampling path reads them.
 */
public final class SavedModelWriter {

  /** The key of the serving signature. */
  public static final String SIGNATURE_KEY = Signature.DEFAULT_KEY;

  /** The signature's method name: TensorFlow Serving's predict API. */
  public static final String METHOD_NAME = "tensorflow/serving/predict";

  /** The tag the graph is saved under. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;

  /** The signature's input: a batch of latent vectors. */
  public static final String INPUT_NAME = "latent";

  /** A conditional model's second input: one class label per latent vector. */
  public static final String LABELS_NAME = "labels";

  /** The signature's output: the images decoded from the latent batch, in [0, 1]. */
  public static final String OUTPUT_NAME = "images";

  private SavedModelWriter() {}

  /**
   * Exports the sampling path of an assembled model with the variables saved under a checkpoint
   * prefix.
   *
   * @param assembly the model's graph; only read
   * @param model the model that built it, for its pixel range
   * @param variablesPrefix where TensorFlow's saver wrote the variables, e.g. a checkpoint's {@code
   *     variables} prefix
   * @param directory the SavedModel directory to write (created with its parents)
   * @throws IllegalArgumentException if the sampling path reads another input than the latent batch,
   *     or the latent batch is not {@code [n, latentSize]}
   */
  public static void write(ModelAssembly assembly, GenerativeModel model, String variablesPrefix, Path directory) {
    requireNonNull(assembly, "assembly is null");
    requireNonNull(model, "model is null");
    requireNonNull(variablesPrefix, "variablesPrefix is null");
    requireNonNull(directory, "directory is null");
    ModelGraph modelGraph = assembly.modelGraph();
    String latentName = modelGraph.latent().op().name();
    Shape latentShape = modelGraph.latent().shape();
    if (latentShape.size(0) != Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "the model's latent placeholder has shape " + latentShape + "; export needs [-1, "
              + modelGraph.latentSize() + "] (any batch size)");
    }
    Set<String> inputs = new HashSet<>();
    inputs.add(latentName);
    modelGraph.labels().ifPresent(labels -> inputs.add(labels.op().name()));
    GraphDef samplingPath = samplingPath(assembly.graph(), modelGraph.samples(), inputs);
    try (Graph graph = new Graph()) {
      graph.importGraphDef(samplingPath);
      Ops tf = Ops.create(graph);
      Operand<TFloat32> latent = graph.outputOrThrow(latentName).expect(TFloat32.class);
      Operand<TFloat32> samples = graph.outputOrThrow(modelGraph.samples().asOutput().name()).expect(TFloat32.class);
      Operand<TFloat32> images = toUnit(tf.withName(OUTPUT_NAME), tf, samples, model.pixelRange());
      Signature.Builder builder = Signature.builder()
          .key(SIGNATURE_KEY)
          .methodName(METHOD_NAME)
          .input(INPUT_NAME, latent);
      modelGraph.labels().ifPresent(labels ->
          builder.input(LABELS_NAME, graph.outputOrThrow(labels.op().name()).expect(TInt32.class)));
      Signature signature = builder.output(OUTPUT_NAME, images).build();
      try (Session session = new Session(graph)) {
        try {
          session.restore(variablesPrefix);
        } catch (TensorFlowException e) {
          throw new IllegalArgumentException(
              "cannot restore the variables from " + variablesPrefix + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        SavedModelBundle.exporter(directory.toString())
            .withTags(TAG)
            .withFunction(SessionFunction.create(signature, session))
            .export();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a SavedModel to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The ops {@code samples} depends on (control dependencies included), as a graph of their own. */
  private static GraphDef samplingPath(Graph graph, Operand<TFloat32> samples, Set<String> inputs) {
    Set<String> needed = new HashSet<>();
    needed.add(samples.op().name());
    for (GraphOperation operation : graph.subgraphTo(Set.of(samples))) {
      needed.add(operation.name());
    }
    GraphDef full = graph.toGraphDef();
    GraphDef.Builder pruned = GraphDef.newBuilder().setVersions(full.getVersions()).setLibrary(full.getLibrary());
    List<String> otherInputs = full.getNodeList().stream()
        .filter(node -> needed.contains(node.getName()))
        .filter(node -> node.getOp().startsWith("Placeholder") && !inputs.contains(node.getName()))
        .map(NodeDef::getName)
        .sorted()
        .toList();
    if (!otherInputs.isEmpty()) {
      throw new IllegalArgumentException(
          "the model's sampling path reads " + String.join(", ", otherInputs)
              + " besides the latent batch (and labels); only a path from those alone can be exported");
    }
    full.getNodeList().stream().filter(node -> needed.contains(node.getName())).forEach(pruned::addNode);
    return pruned.build();
  }

  /** Maps samples from the model's pixel range to [0, 1] as {@link PixelRange#toUnit} does. */
  private static Operand<TFloat32> toUnit(Ops named, Ops tf, Operand<TFloat32> samples, PixelRange range) {
    Operand<TFloat32> unit = switch (range) {
      case SYMMETRIC -> tf.math.div(tf.math.add(samples, tf.constant(1f)), tf.constant(2f));
      case UNIT -> samples;
    };
    return named.clipByValue(unit, tf.constant(0f), tf.constant(1f));
  }
}
