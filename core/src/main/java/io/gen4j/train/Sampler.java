package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.util.Optional;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Decodes latent batches to images with a model's sampling path (batch norm on moving statistics). A
 * conditional model's path ({@link io.gen4j.spi.ModelGraph#sampleLabels()}) is also fed a class per
 * image: the ones asked for, or by default the classes in turn (0, 1, ..., classCount - 1, 0, ...), so a
 * batch covers every class evenly.
 */
public final class Sampler {

  private final Session session;
  private final ModelAssembly assembly;
  private final ImageShape shape;
  private final PixelRange range;
  private final int latentSize;

  public Sampler(Session session, ModelAssembly assembly, ImageShape shape, PixelRange range, int latentSize) {
    this.session = requireNonNull(session, "session is null");
    this.assembly = requireNonNull(assembly, "assembly is null");
    this.shape = requireNonNull(shape, "shape is null");
    this.range = requireNonNull(range, "range is null");
    this.latentSize = latentSize;
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

  /**
   * Images decoded from {@code count} latent vectors laid out row by row, values in [0, 1]; for a
   * conditional model, of the classes in turn.
   */
  public ImageBatch decode(float[] latents, int count) {
    int[] labels = new int[count];
    int classes = Math.max(1, assembly.classCount());
    for (int i = 0; i < count; i++) {
      labels[i] = i % classes;
    }
    return decode(latents, labels, count);
  }

  /**
   * Images decoded from {@code count} latent vectors, image {@code i} of class {@code labels[i]} for a
   * conditional model (an unconditional one ignores the labels).
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, classCount)} of a conditional model
   */
  public ImageBatch decode(float[] latents, int[] labels, int count) {
    if (latents.length != count * latentSize) {
      throw new IllegalArgumentException(
          "expected " + count + " latent vectors of size " + latentSize + ", got " + latents.length + " values");
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("expected " + count + " labels, got " + labels.length);
    }
    Optional<Placeholder<TInt32>> labelInput = assembly.modelGraph().sampleLabels();
    if (labelInput.isPresent()) {
      for (int label : labels) {
        if (label < 0 || label >= assembly.classCount()) {
          throw new IllegalArgumentException(
              "label " + label + " is not a class of the model: expected 0 to " + (assembly.classCount() - 1));
        }
      }
    }
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, latentSize), DataBuffers.of(latents, true, false));
        TInt32 classes = TInt32.vectorOf(labels);
        Result result = run(input, labelInput.map(placeholder -> classes))) {
      TFloat32 images = (TFloat32) result.get(0);
      float[] pixels = new float[count * shape.size()];
      images.copyTo(DataBuffers.of(pixels, false, false));
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = range.toUnit(pixels[i]);
      }
      return new ImageBatch(shape, count, pixels);
    }
  }

  private Result run(TFloat32 latents, Optional<TInt32> labels) {
    Session.Runner runner = session.runner().feed(assembly.modelGraph().latent(), latents);
    labels.ifPresent(classes -> runner.feed(assembly.modelGraph().sampleLabels().orElseThrow(), classes));
    return runner.fetch(assembly.modelGraph().samples()).run();
  }
}
