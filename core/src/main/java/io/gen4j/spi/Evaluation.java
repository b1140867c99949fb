package io.gen4j.spi;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * An optional capability of a {@link ModelGraph}: scores of held-out images, which core averages over
 * a dataset's test split at every {@code training.evaluationInterval} and at the end of training, and,
 * for a model with an inference network, the importance weights of an estimate of the log-likelihood.
 *
 * <p>Core scores a batch in two runs, so that every score of an image sees the same observation of
 * it: the first feeds {@code images} and fetches {@code observations}, the data as the model's
 * likelihood sees it (for a VAE on binarized MNIST, a Bernoulli draw of every pixel); the second feeds
 * those to {@code observed} and fetches the scores, or the importance weights once per chunk of
 * samples. A model that sees images as they are passes {@code tf.identity(images)} as the
 * observations and {@code images} as {@code observed} (TensorFlow cannot fetch a fed placeholder, so the
 * observations must be an op of their own). Noise comes from
 * {@link GraphContext#noise()}; core feeds evaluation runs keys of their own, fixed for a given seed, so
 * every evaluation of a run sees the same observations and draws.
 *
 * @param protocol how images become observations, named beside every number reported from them, e.g.
 *     "dynamic binarization"
 * @param images placeholder of shape {@code [batch, height, width, channels]} with a static batch
 *     size, fed with images in the model's {@link PixelRange}
 * @param observations the observations of {@code images}, same shape; not {@code images} itself
 * @param observed placeholder of the same shape, fed with observations; may be {@code images}
 * @param scores per-image scores of {@code observed} by name, each of shape {@code [batch]}, such as
 *     {@code negative_elbo} in nats
 * @param logImportanceWeights if present, shape {@code [batch, samples]}: {@code log p(x, z) - log
 *     q(z | x)} of {@code observed} x for that many independent draws of z from q(z | x), each run
 *     drawing new ones
 */
public record Evaluation(
    String protocol,
    Placeholder<TFloat32> images,
    Operand<TFloat32> observations,
    Placeholder<TFloat32> observed,
    Map<String, Operand<TFloat32>> scores,
    Optional<Operand<TFloat32>> logImportanceWeights) {

  public Evaluation {
    requireNonNull(protocol, "protocol is null");
    requireNonNull(images, "images is null");
    requireNonNull(observations, "observations is null");
    requireNonNull(observed, "observed is null");
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    requireNonNull(logImportanceWeights, "logImportanceWeights is null");
    Shape shape = images.shape();
    if (shape.numDimensions() != 4 || shape.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          "evaluation images need a static shape [batch, height, width, channels], got " + shape);
    }
    if (!observed.shape().equals(shape) || !observations.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "observations " + observations.shape() + " and observed " + observed.shape()
              + " must have the images' shape " + shape);
    }
    if (observations.op().name().equals(images.op().name())) {
      throw new IllegalArgumentException(
          "observations must be an op of their own, such as tf.identity(images): a fed placeholder cannot be fetched");
    }
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("an evaluation needs at least one score");
    }
    scores.forEach((name, score) -> {
      if (!score.shape().equals(Shape.of(shape.size(0)))) {
        throw new IllegalArgumentException(
            "score " + name + " must have shape [" + shape.size(0) + "], got " + score.shape());
      }
    });
    logImportanceWeights.ifPresent(weights -> {
      Shape weightsShape = weights.shape();
      if (weightsShape.numDimensions() != 2 || weightsShape.size(0) != shape.size(0) || weightsShape.size(1) < 1) {
        throw new IllegalArgumentException(
            "log importance weights must have shape [" + shape.size(0) + ", samples], got " + weightsShape);
      }
    });
  }

  /** Images scored per run. */
  public int batchSize() {
    return (int) images.shape().size(0);
  }

  /** Draws of z per image in one run of {@code logImportanceWeights}; 0 when there are none. */
  public int samplesPerRun() {
    return logImportanceWeights.map(weights -> (int) weights.shape().size(1)).orElse(0);
  }
}
