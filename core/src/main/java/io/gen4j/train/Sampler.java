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

  /** Images decoded from {@code count} latent vectors laid out row by row, values in [0, 1]. */
  public ImageBatch decode(float[] latents, int count) {
    if (latents.length != count * latentSize) {
      throw new IllegalArgumentException(
          "expected " + count + " latent vectors of size " + latentSize + ", got " + latents.length + " values");
    }
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, latentSize), DataBuffers.of(latents, true, false));
        Result result = session.runner().feed(assembly.modelGraph().latent(), input).fetch(assembly.modelGraph().samples()).run()) {
      TFloat32 images = (TFloat32) result.get(0);
      float[] pixels = new float[count * shape.size()];
      images.copyTo(DataBuffers.of(pixels, false, false));
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = range.toUnit(pixels[i]);
      }
      return new ImageBatch(shape, count, pixels);
    }
  }
}
