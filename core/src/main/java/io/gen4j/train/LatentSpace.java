package io.gen4j.train;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.gen4j.data.DatasetCatalog;
import io.gen4j.data.ImageDataset;
import io.gen4j.inject.ModelCatalog;
import io.gen4j.spi.Encoder;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.PixelRange;
import java.nio.file.Path;
import java.util.Random;
import org.tensorflow.EagerSession;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Views of a run's latent space with its latest checkpoint: reconstructions and interpolations of
 * held-out images (for models with an {@link Encoder}), and the manifold a 2-D latent space decodes to.
 * Held-out images are drawn from the test split of the run's dataset.
 */
@Singleton
public final class LatentSpace {

  /** The latent size the manifold grid needs. */
  public static final int MANIFOLD_LATENT_SIZE = 2;

  private final ModelCatalog catalog;
  private final Experiments experiments;
  private final DatasetCatalog datasets;

  @Inject
  public LatentSpace(ModelCatalog catalog, Experiments experiments, DatasetCatalog datasets) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.experiments = requireNonNull(experiments, "experiments is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
  }

  /**
   * {@code count} test images, chosen by {@code seed}, and their reconstructions.
   *
   * @throws IllegalArgumentException if the run's model has no encoder
   */
  public Reconstructions reconstruct(Path runDirectory, int count, long seed) {
    requireAtLeastOne("the number of images", count);
    try (RestoredRun run = RestoredRun.open(experiments, catalog, runDirectory, "reconstruct with")) {
      Encoder encoder = encoder(run);
      ImageBatch originals = testImages(run, count, seed);
      float[] codes = encode(run, encoder, originals);
      return new Reconstructions(originals, run.sampler().decode(codes, count));
    }
  }

  /**
   * Walks between the codes of pairs of test images chosen by {@code seed}. Each pair is a row of {@code
   * steps + 2} images: the first image, {@code steps} images decoded from codes evenly spaced from its
   * code to the second image's (both ends included), and the second image.
   *
   * @throws IllegalArgumentException if the run's model has no encoder
   */
  public ImageBatch interpolate(Path runDirectory, int pairs, int steps, long seed) {
    requireAtLeastOne("the number of pairs", pairs);
    if (steps < 2) {
      throw new IllegalArgumentException("an interpolation needs at least 2 steps, got " + steps);
    }
    try (RestoredRun run = RestoredRun.open(experiments, catalog, runDirectory, "interpolate with")) {
      Encoder encoder = encoder(run);
      ImageBatch ends = testImages(run, 2 * pairs, seed);
      float[] codes = encode(run, encoder, ends);
      int latentSize = run.assembly().latentSize();
      float[] walk = new float[pairs * steps * latentSize];
      for (int pair = 0; pair < pairs; pair++) {
        int from = 2 * pair * latentSize;
        int to = (2 * pair + 1) * latentSize;
        for (int step = 0; step < steps; step++) {
          float weight = step / (float) (steps - 1);
          for (int dimension = 0; dimension < latentSize; dimension++) {
            walk[(pair * steps + step) * latentSize + dimension] =
                (1 - weight) * codes[from + dimension] + weight * codes[to + dimension];
          }
        }
      }
      ImageBatch decoded = run.sampler().decode(walk, pairs * steps);
      int size = run.shape().size();
      int columns = steps + 2;
      float[] pixels = new float[pairs * columns * size];
      for (int pair = 0; pair < pairs; pair++) {
        System.arraycopy(ends.image(2 * pair), 0, pixels, pair * columns * size, size);
        for (int step = 0; step < steps; step++) {
          System.arraycopy(decoded.image(pair * steps + step), 0, pixels, (pair * columns + 1 + step) * size, size);
        }
        System.arraycopy(ends.image(2 * pair + 1), 0, pixels, (pair * columns + columns - 1) * size, size);
      }
      return new ImageBatch(run.shape(), pairs * columns, pixels);
    }
  }

  /**
   * The images a 2-D latent space decodes to over a {@code size} x {@code size} grid of standard normal
   * quantiles, (i + 0.5) / size for i = 0 .. size - 1: the first latent dimension grows from left to
   * right, the second from top to bottom (Kingma and Welling's learned MNIST manifold).
   *
   * @throws IllegalArgumentException if the run's latent space is not 2-D
   */
  public ImageBatch manifold(Path runDirectory, int size) {
    requireAtLeastOne("the grid size", size);
    try (RestoredRun run = RestoredRun.open(experiments, catalog, runDirectory, "decode with")) {
      int latentSize = run.assembly().latentSize();
      if (latentSize != MANIFOLD_LATENT_SIZE) {
        throw new IllegalArgumentException(
            "the manifold grid needs a 2-D latent space; model " + run.config().modelType() + " of this run has "
                + latentSize + " latent dimensions");
      }
      double[] quantiles = normalQuantiles(size);
      float[] codes = new float[size * size * MANIFOLD_LATENT_SIZE];
      for (int row = 0; row < size; row++) {
        for (int column = 0; column < size; column++) {
          codes[(row * size + column) * 2] = (float) quantiles[column];
          codes[(row * size + column) * 2 + 1] = (float) quantiles[row];
        }
      }
      return run.sampler().decode(codes, size * size);
    }
  }

  /** Standard normal quantiles at (i + 0.5) / count, from TensorFlow's {@code Ndtri}. */
  static double[] normalQuantiles(int count) {
    double[] probabilities = new double[count];
    for (int i = 0; i < count; i++) {
      probabilities[i] = (i + 0.5) / count;
    }
    double[] quantiles = new double[count];
    try (EagerSession eager = EagerSession.create()) {
      Ops tf = Ops.create(eager);
      TFloat64 values = tf.math.ndtri(tf.constant(probabilities)).asTensor();
      values.copyTo(DataBuffers.of(quantiles, false, false));
    }
    return quantiles;
  }

  private static Encoder encoder(RestoredRun run) {
    return run.assembly().modelGraph().encoder()
        .orElseThrow(() -> new IllegalArgumentException("model " + run.config().modelType() + " has no encoder"));
  }

  private ImageBatch testImages(RestoredRun run, int count, long seed) {
    ImageDataset test = datasets.open(run.config().data()).test();
    if (count > test.count()) {
      throw new IllegalArgumentException(
          "asked for " + count + " images, but " + test.name() + " has " + test.count());
    }
    int[] indices = new Random(seed).ints(0, test.count()).distinct().limit(count).toArray();
    ImageShape shape = test.shape();
    float[] pixels = new float[count * shape.size()];
    byte[] bytes = new byte[shape.size()];
    for (int image = 0; image < count; image++) {
      test.readImage(indices[image], bytes, 0);
      for (int pixel = 0; pixel < shape.size(); pixel++) {
        pixels[image * shape.size() + pixel] = Byte.toUnsignedInt(bytes[pixel]) / 255f;
      }
    }
    return new ImageBatch(shape, count, pixels);
  }

  /** The codes of images in [0, 1], rescaled to the model's pixel range first. */
  private static float[] encode(RestoredRun run, Encoder encoder, ImageBatch images) {
    PixelRange range = run.model().pixelRange();
    float[] pixels = images.toArray();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = range.fromByte(Math.round(pixels[i] * 255f));
    }
    ImageShape shape = images.shape();
    Shape input = Shape.of(images.count(), shape.height(), shape.width(), shape.channels());
    Session session = run.session();
    try (TFloat32 fed = TFloat32.tensorOf(input, DataBuffers.of(pixels, true, false));
        Result result = session.runner().feed(encoder.images(), fed).fetch(encoder.codes()).run()) {
      TFloat32 codes = (TFloat32) result.get(0);
      float[] values = new float[(int) codes.size()];
      codes.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  private static void requireAtLeastOne(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }
}
