package io.gen4j.models.vae;

import static java.util.Objects.requireNonNull;

import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.NetworkBuilder;
import io.gen4j.spi.Encoder;
import io.gen4j.spi.Evaluation;
import io.gen4j.spi.GenerativeModel;
import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.MetricKind;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Noise;
import io.gen4j.spi.Objective;
import io.gen4j.spi.PixelRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The VAE of Kingma and Welling. Encoder: image -> hidden layers (ReLU) -> mean and log-variance of a
 * diagonal Gaussian q(z | x); z = mean + exp(logVariance / 2) * epsilon with epsilon drawn in the
 * graph; decoder: z -> hidden layers in reverse (ReLU) -> the {@link Likelihood}'s parameters per pixel
 * value (a logit, or a location and a log scale). The loss is -log p(x | z) summed over pixel values plus
 * beta times the analytic KL to N(0, I), per image, averaged over the batch. Both networks are one
 * network, {@code vae}, trained by one optimizer. With a continuous likelihood, the negative ELBO is also
 * reported in bits per dimension ({@code bits_per_dim}).
 */
final class VaeModel implements GenerativeModel {

  /** The network holding the encoder's and decoder's variables, the key of {@code training.optimizers}. */
  static final String NETWORK = "vae";

  /** The metric and score of the negative ELBO in bits per dimension, for the continuous likelihoods. */
  static final String BITS_PER_DIMENSION = "bits_per_dim";

  /** The one objective, trained by core's default trainer once per step. */
  static final String OBJECTIVE = "elbo";

  /** Held-out images scored per run. */
  static final int EVALUATION_BATCH = 100;

  /** Importance samples per image and run with the MLP networks. */
  static final int MLP_SAMPLES_PER_RUN = 50;

  /** Importance samples per image and run with the convolutional networks, whose activations are larger. */
  static final int CONV_SAMPLES_PER_RUN = 5;

  private static final int KERNEL_SIZE = 3;
  private static final int STRIDE = 2;

  private final VaeConfig config;

  VaeModel(VaeConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public PixelRange pixelRange() {
    return PixelRange.UNIT;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    Ops tf = context.tf();
    ImageShape shape = context.imageShape();
    NetworkBuilder network = context.network(NETWORK);

    Operand<TFloat32> data = observe(tf, context.realImages(), context.noise());
    Posterior posterior = encode(network, data, shape);
    Operand<TFloat32> epsilon = context.noise().normal(context.batchSize(), config.latentSize());
    Operand<TFloat32> z = VariationalBound.reparameterize(tf, posterior.mean(), posterior.logVariance(), epsilon);
    Operand<TFloat32> reconstruction =
        reconstruction(tf, decode(network, z, shape), Layers.flatten(tf, data, shape.size()));
    Operand<TFloat32> kl = VariationalBound.kl(tf, posterior.mean(), posterior.logVariance());
    Operand<TFloat32> loss = mean(tf, tf.math.add(reconstruction, tf.math.mul(tf.constant(config.beta()), kl)));
    Operand<TFloat32> negativeElbo = tf.math.add(reconstruction, kl);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("negative_elbo", mean(tf, negativeElbo));
    metrics.put("reconstruction", mean(tf, reconstruction));
    metrics.put("kl", mean(tf, kl));
    if (config.likelihood().continuous()) {
      metrics.put(BITS_PER_DIMENSION, mean(tf, VariationalBound.bitsPerDimension(tf, negativeElbo, shape.size())));
    }
    Objective objective = Objective.of(OBJECTIVE, network.network(), loss, true).withMetrics(metrics, MetricKind.LOSS);

    Optional<MixturePrior> prior =
        config.samplingPrior().map(priorConfig -> MixturePrior.create(network, priorConfig, config.latentSize()));
    prior.ifPresent(mixture -> mixture.fit(network, posterior.mean()));

    Placeholder<TFloat32> latent =
        tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.latentSize())));
    Operand<TFloat32> codes = prior.map(mixture -> mixture.codes(latent)).orElse(latent);
    Operand<TFloat32> samples = Layers.reshape(
        tf, means(tf, decode(network, codes, shape)), -1, shape.height(), shape.width(), shape.channels());
    return new ModelGraph(List.of(objective), latent, samples)
        .withEvaluation(evaluation(context, network))
        .withEncoder(encoder(tf, network, shape, prior));
  }

  /**
   * Scores of held-out images: the negative ELBO and its two terms, one draw of z per image, and the
   * log importance weights of {@link #samplesPerRun()} draws per image.
   */
  private Evaluation evaluation(GraphContext context, NetworkBuilder network) {
    Ops tf = context.tf();
    ImageShape shape = context.imageShape();
    Shape batch = Shape.of(EVALUATION_BATCH, shape.height(), shape.width(), shape.channels());
    Placeholder<TFloat32> images =
        tf.withName("evaluation_images").placeholder(TFloat32.class, Placeholder.shape(batch));
    Operand<TFloat32> observations = observe(tf, images, context.noise());
    Placeholder<TFloat32> observed =
        tf.withName("evaluation_observed").placeholder(TFloat32.class, Placeholder.shape(batch));
    Operand<TFloat32> targets = Layers.flatten(tf, observed, shape.size());
    Posterior posterior = encode(network, observed, shape);
    int latentSize = config.latentSize();

    Operand<TFloat32> epsilon = context.noise().normal(EVALUATION_BATCH, latentSize);
    Operand<TFloat32> z = VariationalBound.reparameterize(tf, posterior.mean(), posterior.logVariance(), epsilon);
    Operand<TFloat32> reconstruction = reconstruction(tf, decode(network, z, shape), targets);
    Operand<TFloat32> kl = VariationalBound.kl(tf, posterior.mean(), posterior.logVariance());
    Map<String, Operand<TFloat32>> scores = new LinkedHashMap<>();
    Operand<TFloat32> negativeElbo = tf.math.add(reconstruction, kl);
    scores.put("negative_elbo", negativeElbo);
    scores.put("reconstruction", reconstruction);
    scores.put("kl", kl);
    if (config.likelihood().continuous()) {
      scores.put(BITS_PER_DIMENSION, VariationalBound.bitsPerDimension(tf, negativeElbo, shape.size()));
    }

    int samples = samplesPerRun();
    Operand<TFloat32> draws = context.noise().normal(EVALUATION_BATCH, samples, latentSize);
    Operand<TFloat32> mean = tf.expandDims(posterior.mean(), tf.constant(1));
    Operand<TFloat32> logVariance = tf.expandDims(posterior.logVariance(), tf.constant(1));
    Operand<TFloat32> zs = VariationalBound.reparameterize(tf, mean, logVariance, draws);
    Decoded decoded = decode(network, Layers.reshape(tf, zs, -1, latentSize), shape)
        .reshaped(tf, EVALUATION_BATCH, samples, shape.size());
    Operand<TFloat32> sampleReconstruction =
        reconstruction(tf, decoded, Layers.reshape(tf, targets, EVALUATION_BATCH, 1, shape.size()));
    Operand<TFloat32> logWeights =
        VariationalBound.logImportanceWeights(tf, sampleReconstruction, zs, draws, logVariance);
    return new Evaluation(config.likelihood().protocol(config.binarize()), images, observations, observed, scores,
        Optional.of(logWeights));
  }

  /**
   * Images to posterior means, without noise: fixed binarization thresholds, the others take intensities.
   * With a sampling prior, the codes are the noise that the prior maps to the means, so that decoding them
   * still reconstructs.
   */
  private Encoder encoder(Ops tf, NetworkBuilder network, ImageShape shape, Optional<MixturePrior> prior) {
    Placeholder<TFloat32> images = tf.withName("encoder_images").placeholder(
        TFloat32.class, Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
    Operand<TFloat32> input = config.binarize() == Binarization.FIXED ? threshold(tf, images) : images;
    Operand<TFloat32> means = encode(network, input, shape).mean();
    return new Encoder(images, prior.map(mixture -> mixture.noise(means)).orElse(means));
  }

  /** Draws of z per image in one run of the importance weights. */
  int samplesPerRun() {
    return config.encoder() == Architecture.CONV ? CONV_SAMPLES_PER_RUN : MLP_SAMPLES_PER_RUN;
  }

  /**
   * The data the likelihood is defined on: under the configured binarization for the Bernoulli
   * likelihood, dequantized levels for the Gaussian, the levels themselves for the discretized logistic.
   */
  private Operand<TFloat32> observe(Ops tf, Operand<TFloat32> images, Noise noise) {
    if (config.likelihood() == Likelihood.GAUSSIAN) {
      Operand<TFloat32> levels = tf.math.round(tf.math.mul(images, tf.constant((float) (VariationalBound.LEVELS - 1))));
      Operand<TFloat32> dequantized = tf.math.add(levels, noise.uniform(images.shape().asArray()));
      return tf.math.div(dequantized, tf.constant((float) VariationalBound.LEVELS));
    }
    if (config.likelihood() == Likelihood.DISCRETIZED_LOGISTIC) {
      return tf.identity(images);
    }
    return switch (config.binarize()) {
      case DYNAMIC -> tf.dtypes.cast(tf.math.less(noise.uniform(images.shape().asArray()), images), TFloat32.class);
      case FIXED -> threshold(tf, images);
      case NONE -> tf.identity(images);
    };
  }

  private static Operand<TFloat32> threshold(Ops tf, Operand<TFloat32> images) {
    return tf.dtypes.cast(tf.math.greater(images, tf.constant(0.5f)), TFloat32.class);
  }

  private Posterior encode(NetworkBuilder network, Operand<TFloat32> images, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> x = images;
    int width;
    if (config.encoder() == Architecture.CONV) {
      int channels = shape.channels();
      List<Integer> filters = config.convFilters();
      for (int i = 0; i < filters.size(); i++) {
        x = tf.nn.relu(Layers.conv2d(
            network, "encoder.conv" + (i + 1), x, channels, filters.get(i), KERNEL_SIZE, STRIDE));
        channels = filters.get(i);
      }
      width = convolvedSize(shape);
    } else {
      width = shape.size();
    }
    x = Layers.flatten(tf, x, width);
    List<Integer> hidden = config.hiddenLayers();
    for (int i = 0; i < hidden.size(); i++) {
      x = tf.nn.relu(Layers.dense(network, "encoder.dense" + (i + 1), x, width, hidden.get(i)));
      width = hidden.get(i);
    }
    return new Posterior(
        Layers.dense(network, "encoder.mean", x, width, config.latentSize()),
        Layers.dense(network, "encoder.log_variance", x, width, config.latentSize()));
  }

  /**
   * Latent codes {@code [n, latentSize]} to the likelihood's parameters, each {@code [n, height * width *
   * channels]}. The convolutional decoder mirrors the encoder: each transposed convolution doubles the
   * size and is cropped to the size the matching convolution saw, so any image size works.
   */
  private Decoded decode(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> x = z;
    int width = config.latentSize();
    List<Integer> hidden = config.hiddenLayers();
    for (int i = hidden.size() - 1, layer = 1; i >= 0; i--, layer++) {
      x = tf.nn.relu(Layers.dense(network, "decoder.dense" + layer, x, width, hidden.get(i)));
      width = hidden.get(i);
    }
    boolean twoParameters = config.likelihood().parametersPerValue() == 2;
    if (config.encoder() == Architecture.MLP) {
      if (!twoParameters) {
        return new Decoded(Layers.dense(network, "decoder.logits", x, width, shape.size()), null);
      }
      return new Decoded(
          Layers.dense(network, "decoder.location", x, width, shape.size()),
          Layers.dense(network, "decoder.log_scale", x, width, shape.size()));
    }
    List<Integer> filters = config.convFilters();
    int[] heights = convolvedSides(shape.height());
    int[] widths = convolvedSides(shape.width());
    int channels = filters.get(filters.size() - 1);
    x = tf.nn.relu(Layers.dense(network, "decoder.project", x, width, convolvedSize(shape)));
    x = Layers.reshape(tf, x, -1, heights[filters.size()], widths[filters.size()], channels);
    for (int i = filters.size() - 1, layer = 1; i > 0; i--, layer++) {
      x = tf.nn.relu(crop(tf, Layers.conv2dTranspose(
          network, "decoder.conv_transpose" + layer, x, channels, filters.get(i - 1), KERNEL_SIZE, STRIDE),
          heights[i], widths[i]));
      channels = filters.get(i - 1);
    }
    String output = "decoder.conv_transpose" + filters.size();
    Operand<TFloat32> first = crop(tf,
        Layers.conv2dTranspose(network, output, x, channels, shape.channels(), KERNEL_SIZE, STRIDE),
        shape.height(), shape.width());
    Operand<TFloat32> second = twoParameters
        ? Layers.flatten(tf, crop(tf,
            Layers.conv2dTranspose(network, "decoder.log_scale", x, channels, shape.channels(), KERNEL_SIZE, STRIDE),
            shape.height(), shape.width()), shape.size())
        : null;
    return new Decoded(Layers.flatten(tf, first, shape.size()), second);
  }

  /** -log p(x | z) of {@code targets} under the decoded parameters, summed over the last axis. */
  private Operand<TFloat32> reconstruction(Ops tf, Decoded decoded, Operand<TFloat32> targets) {
    return switch (config.likelihood()) {
      case BERNOULLI -> VariationalBound.reconstruction(tf, decoded.first(), targets);
      case GAUSSIAN -> VariationalBound.gaussianReconstruction(tf, decoded.first(), decoded.second(), targets);
      case DISCRETIZED_LOGISTIC ->
          VariationalBound.discretizedLogisticReconstruction(tf, decoded.first(), decoded.second(), targets);
    };
  }

  /** The images a sample shows: the Bernoulli means, or the continuous likelihoods' locations in [0, 1]. */
  private Operand<TFloat32> means(Ops tf, Decoded decoded) {
    if (config.likelihood() == Likelihood.BERNOULLI) {
      return tf.math.sigmoid(decoded.first());
    }
    return tf.clipByValue(decoded.first(), tf.constant(0f), tf.constant(1f));
  }

  /** The first {@code height x width} of a {@code [n, h, w, c]} batch (all of it when it is that size). */
  private static Operand<TFloat32> crop(Ops tf, Operand<TFloat32> x, int height, int width) {
    if (x.shape().size(1) == height && x.shape().size(2) == width) {
      return x;
    }
    return tf.slice(x, tf.constant(new int[] {0, 0, 0, 0}),
        tf.constant(new int[] {-1, height, width, (int) x.shape().size(3)}));
  }

  /** A side's length before and after each stride-2 convolution ("same" padding rounds up). */
  private int[] convolvedSides(int side) {
    int[] sides = new int[config.convFilters().size() + 1];
    sides[0] = side;
    for (int i = 1; i < sides.length; i++) {
      sides[i] = (sides[i - 1] + STRIDE - 1) / STRIDE;
    }
    return sides;
  }

  /** Values per image after the encoder's convolutions. */
  private int convolvedSize(ImageShape shape) {
    int layers = config.convFilters().size();
    return convolvedSides(shape.height())[layers] * convolvedSides(shape.width())[layers]
        * config.convFilters().get(layers - 1);
  }

  private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> perImage) {
    return tf.math.mean(perImage, tf.constant(0));
  }

  /** The posterior's parameters, each {@code [n, latentSize]}. */
  private record Posterior(Operand<TFloat32> mean, Operand<TFloat32> logVariance) {}

  /**
   * The decoder's output: the logits (Bernoulli) or the locations, and the log scales of the continuous
   * likelihoods ({@code null} for the Bernoulli one).
   */
  private record Decoded(Operand<TFloat32> first, Operand<TFloat32> second) {

    /** Both parameters reshaped, for {@code [n, k, d]} batches of draws. */
    Decoded reshaped(Ops tf, long... shape) {
      return new Decoded(Layers.reshape(tf, first, shape), second == null ? null : Layers.reshape(tf, second, shape));
    }
  }
}
