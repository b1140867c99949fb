package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Decodes latent batches to images with a model's sampling path (batch norm on moving statistics). */
public final class Sampler {

  private final Session session;
  private final ModelAssembly assembly;
  private final ImageShape shape;
  private final PixelRange range;
  private final int latentSize;

  public Sampler(Session session, ModelAssembly assembly, ImageShape shape, PixelRange range) {
    this.session = requireNonNull(session, "session is null");
    this.assembly = requireNonNull(assembly, "assembly is null");
    this.shape = requireNonNull(shape, "shape is null");
    this.range = requireNonNull(range, "range is null");
    this.latentSize = assembly.latentSize();
  }

  /** Size of each latent vector {@link #decode} takes. */
  public int latentSize() {
    return latentSize;
  }

  /**
   * Standard normal latent vectors from {@link Random}, whose sequence for a seed is fixed by the Java
   * specification: the same seed gives the same batch on every JVM.
   */
  public static float[] gaussianLatents(long seed, int count, int latentSize) {
    Random random = new Random(seed);
    float[] values = new float[count * latentSize];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  /** Whether the model samples from class labels as well as latent vectors. */
  public boolean conditional() {
    return assembly.modelGraph().conditional();
  }

  /** The number of classes labels may name; 0 for a model that takes none. */
  public int classCount() {
    return conditional() ? assembly.classCount() : 0;
  }

  /**
   * The labels a conditional model samples with when none are asked for: image {@code i} gets class
   * {@code i % classCount}, so every class is drawn (equally often when {@code count} is a multiple).
   */
  public static int[] cyclingLabels(int count, int classCount) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % classCount;
    }
    return labels;
  }

  /**
   * Images decoded from {@code count} latent vectors laid out row by row, values in [0, 1]; a
   * conditional model draws the classes {@link #cyclingLabels}.
   */
  public ImageBatch decode(float[] latents, int count) {
    return decode(latents, conditional() ? cyclingLabels(count, classCount()) : null, count);
  }

  /**
   * Images decoded from {@code count} latent vectors and, for a conditional model, one class label each.
   *
   * @param labels one per image, each in {@code [0, classCount())}; null for a model that is not
   *     conditional
   * @throws IllegalArgumentException for labels given to a model that takes none, or out of range
   */
  public ImageBatch decode(float[] latents, int[] labels, int count) {
    if (latents.length != count * latentSize) {
      throw new IllegalArgumentException(
          "expected " + count + " latent vectors of size " + latentSize + ", got " + latents.length + " values");
    }
    requireLabels(labels, count);
    TInt32 labelTensor = labels == null ? null : TInt32.vectorOf(labels);
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, latentSize), DataBuffers.of(latents, true, false))) {
      Session.Runner runner = session.runner().feed(assembly.modelGraph().latent(), input);
      if (labelTensor != null) {
        runner.feed(assembly.modelGraph().labels().orElseThrow(), labelTensor);
      }
      try (Result result = runner.fetch(assembly.modelGraph().samples()).run()) {
        TFloat32 images = (TFloat32) result.get(0);
        float[] pixels = new float[count * shape.size()];
        images.copyTo(DataBuffers.of(pixels, false, false));
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = range.toUnit(pixels[i]);
        }
        return new ImageBatch(shape, count, pixels);
      }
    } finally {
      if (labelTensor != null) {
        labelTensor.close();
      }
    }
  }

  private void requireLabels(int[] labels, int count) {
    if (!conditional()) {
      if (labels != null) {
        throw new IllegalArgumentException("the model is not conditional: it samples from latent vectors alone, not labels");
      }
      return;
    }
    if (labels == null || labels.length != count) {
      throw new IllegalArgumentException("the model is conditional: it needs one class label per image, "
          + count + " in all, got " + (labels == null ? "none" : String.valueOf(labels.length)));
    }
    for (int label : labels) {
      if (label < 0 || label >= classCount()) {
        throw new IllegalArgumentException(
            "label " + label + " is no class of the dataset: labels run from 0 to " + (classCount() - 1));
      }
    }
  }
}
