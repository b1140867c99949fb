package io.gen4j.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * A small image-to-features SavedModel written by tests, whose features are known by hand: each channel's
 * mean and mean square over the image it is fed, times a variable that holds 1. Its {@code
 * serving_default} signature takes {@code x} of {@code [-1, height, width, channels]} and returns {@code
 * moments} ({@code [n, 2 * channels]}), and optionally {@code means} too.
 */
public final class MomentsSavedModel {

  private MomentsSavedModel() {}

  /**
   * Writes the SavedModel to {@code directory}.
   *
   * @param height the input's height, or -1 to leave it open (width likewise)
   * @param withMeans whether the signature also has a second output, {@code means}
   */
  public static Path write(Path directory, long height, long width, long channels, boolean withMeans)
      throws IOException {
    return write(directory, height, width, channels, withMeans, Optional.empty());
  }

  /**
   * Writes the 8x8x3 SavedModel with one more node, unconnected to the signature: a {@code ReadFile} of
   * {@code file}, an op no feature network needs, which the op allow-list refuses.
   */
  public static Path writeReadingAFile(Path directory, Path file) throws IOException {
    return write(directory, 8, 8, 3, false, Optional.of(file));
  }

  private static Path write(
      Path directory, long height, long width, long channels, boolean withMeans, Optional<Path> readsFile)
      throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      readsFile.ifPresent(file -> tf.withName("read").io.readFile(tf.constant(file.toString())));
      Placeholder<TFloat32> pixels = tf.withName("pixels")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
      Variable<TFloat32> scale = tf.withName("scale").variable(tf.constant(1f));
      Operand<TFloat32> mean = tf.math.mean(pixels, tf.constant(new int[] {1, 2}));
      Operand<TFloat32> square = tf.math.mean(tf.math.square(pixels), tf.constant(new int[] {1, 2}));
      Operand<TFloat32> moments =
          tf.withName("moments").math.mul(tf.concat(List.of(mean, square), tf.constant(1)), scale);
      Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY).input("x", pixels)
          .output("moments", moments);
      if (withMeans) {
        signature.output("means", tf.withName("means").identity(mean));
      }
      try (Session session = new Session(graph)) {
        session.initialize();
        SavedModelBundle.exporter(directory.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
            .withFunction(SessionFunction.create(signature.build(), session)).export();
      }
    }
    return directory;
  }
}
