package io.gen4j.export;

import static java.util.Objects.requireNonNull;

import io.gen4j.security.ModelTrust;
import io.gen4j.security.SavedModelCheck;
import io.gen4j.spi.ImageBatch;
import io.gen4j.spi.ImageShape;
import io.gen4j.train.Sampler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A generator exported with {@code gen4j export}, loaded with TensorFlow's {@link SavedModelBundle}:
 * decodes latent batches to images in [0, 1] without the run directory or the model's plugin.
 *
 * <pre>{@code
 * try (ExportedGenerator generator = ExportedGenerator.load(Path.of("export/gan"))) {
 *   ImageBatch images = generator.sample(64, 42);
 * }
 * }</pre>
 */
public final class ExportedGenerator implements AutoCloseable {

  /** Latent vectors fed per session run; larger batches are decoded in chunks of this size. */
  public static final int CHUNK_SIZE = 256;

  private final Path directory;
  private final ExportManifest manifest;
  private final SavedModelBundle bundle;
  private final SessionFunction function;

  private ExportedGenerator(Path directory, ExportManifest manifest, SavedModelBundle bundle, SessionFunction function) {
    this.directory = directory;
    this.manifest = manifest;
    this.bundle = bundle;
    this.function = function;
  }

  /**
   * Loads an export directory: its {@value ExportManifest#FILE_NAME} and its SavedModel, whose graph
   * must pass {@link SavedModelCheck} and whose signature must match the manifest.
   *
   * @throws io.gen4j.security.UntrustedModelException if the graph has an op that is not allowed
   * @throws IllegalArgumentException if the directory is not a gen4j export, or its SavedModel cannot
   *     be loaded or does not match its manifest
   */
  public static ExportedGenerator load(Path directory) {
    return load(directory, ModelTrust.CHECKED);
  }

  /**
   * Loads an export directory, checking its graph first unless {@code trust} is {@link
   * ModelTrust#TRUSTED}.
   *
   * @throws io.gen4j.security.UntrustedModelException if checked and the graph has an op that is not allowed
   * @throws IllegalArgumentException if the directory is not a gen4j export, or its SavedModel cannot
   *     be loaded or does not match its manifest
   */
  public static ExportedGenerator load(Path directory, ModelTrust trust) {
    requireNonNull(directory, "directory is null");
    requireNonNull(trust, "trust is null");
    ExportManifest manifest = ExportManifest.read(directory);
    SavedModelBundle bundle = SavedModelCheck.load(directory, manifest.tag(), trust);
    try {
      SessionFunction function = signature(directory, bundle, manifest);
      return new ExportedGenerator(directory, manifest, bundle, function);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static SessionFunction signature(Path directory, SavedModelBundle bundle, ExportManifest manifest) {
    SessionFunction function;
    try {
      function = bundle.function(manifest.signatureKey());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          directory + ": the SavedModel has no signature '" + manifest.signatureKey() + "'", e);
    }
    Signature signature = function.signature();
    ImageShape image = manifest.imageShape();
    // Shape.equals never holds for unknown sizes, so the shapes are compared as arrays, -1 for unknown.
    requireTensor(directory, signature.getInputs(), manifest.inputName(), "input",
        Shape.of(Shape.UNKNOWN_SIZE, manifest.latentSize()));
    requireTensor(directory, signature.getOutputs(), manifest.outputName(), "output",
        Shape.of(Shape.UNKNOWN_SIZE, image.height(), image.width(), image.channels()));
    return function;
  }

  private static void requireTensor(
      Path directory, Map<String, Signature.TensorDescription> tensors, String name, String role, Shape expected) {
    Signature.TensorDescription description = tensors.get(name);
    if (description == null) {
      throw new IllegalArgumentException(
          directory + ": the signature has no " + role + " '" + name + "'; it has " + tensors.keySet());
    }
    if (description.dataType != DataType.DT_FLOAT || !Arrays.equals(description.shape.asArray(), expected.asArray())) {
      throw new IllegalArgumentException(
          directory + ": the signature's " + role + " '" + name + "' is " + description.dataType + " "
              + description.shape + "; " + ExportManifest.FILE_NAME + " promises DT_FLOAT " + expected);
    }
  }

  /** The export directory. */
  public Path directory() {
    return directory;
  }

  /** What the export holds. */
  public ExportManifest manifest() {
    return manifest;
  }

  /** Size of one latent vector. */
  public int latentSize() {
    return manifest.latentSize();
  }

  /** Shape of one generated image. */
  public ImageShape imageShape() {
    return manifest.imageShape();
  }

  /**
   * Decodes {@code count} latent vectors laid out row by row ({@code count * latentSize()} values).
   *
   * @return the images, values in [0, 1]
   */
  public ImageBatch generate(float[] latents, int count) {
    requireNonNull(latents, "latents is null");
    int latentSize = latentSize();
    if (count < 1 || latents.length != (long) count * latentSize) {
      throw new IllegalArgumentException(
          "expected " + count + " latent vectors of size " + latentSize + ", got " + latents.length + " values");
    }
    int imageSize = imageShape().size();
    float[] pixels = new float[count * imageSize];
    for (int first = 0; first < count; first += CHUNK_SIZE) {
      int size = Math.min(CHUNK_SIZE, count - first);
      float[] chunk = Arrays.copyOfRange(latents, first * latentSize, (first + size) * latentSize);
      try (TFloat32 input = TFloat32.tensorOf(Shape.of(size, latentSize), DataBuffers.of(chunk, true, false));
          Result result = function.call(Map.of(manifest.inputName(), input))) {
        Tensor output = result.get(manifest.outputName())
            .orElseThrow(() -> new IllegalStateException("the signature returned no " + manifest.outputName()));
        ((TFloat32) output).copyTo(DataBuffers.of(pixels, false, false).slice(first * imageSize, size * imageSize));
      }
    }
    return new ImageBatch(imageShape(), count, pixels);
  }

  /**
   * Decodes the latent batch {@link Sampler#gaussianLatents} draws for a seed: with the run's seed
   * ({@code manifest().runSeed()}), the batch of the run's sample grids.
   */
  public ImageBatch sample(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of samples must be at least 1, got " + count);
    }
    return generate(Sampler.gaussianLatents(seed, count, latentSize()), count);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
