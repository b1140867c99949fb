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
 * graph; decoder: z -> hidden layers in reverse (ReLU) -> one logit per pixel. The loss is the
 * Bernoulli cross-entropy summed over pixels plus beta times the analytic KL to N(0, I), per image,
 * averaged over the batch. Both networks are one network, {@code vae}, trained by one optimizer.
 */
final class VaeModel implements GenerativeModel {

  /** The network holding the encoder's and decoder's variables, the key of {@code training.optimizers}. */
  static final String NETWORK = "vae";

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
    requireDivisible(shape);
    NetworkBuilder network = context.network(NETWORK);

    Operand<TFloat32> data = observe(tf, context.realImages(), context.noise());
    Posterior posterior = encode(network, data, shape);
    Operand<TFloat32> epsilon = context.noise().normal(context.batchSize(), config.latentSize());
    Operand<TFloat32> z = VariationalBound.reparameterize(tf, posterior.mean(), posterior.logVariance(), epsilon);
    Operand<TFloat32> reconstruction =
        VariationalBound.reconstruction(tf, decode(network, z, shape), Layers.flatten(tf, data, shape.size()));
    Operand<TFloat32> kl = VariationalBound.kl(tf, posterior.mean(), posterior.logVariance());
    Operand<TFloat32> loss = mean(tf, tf.math.add(reconstruction, tf.math.mul(tf.constant(config.beta()), kl)));
    Objective objective = Objective.of(OBJECTIVE, network.network(), loss, true)
        .withMetrics(Map.of(
            "negative_elbo", mean(tf, tf.math.add(reconstruction, kl)),
            "reconstruction", mean(tf, reconstruction),
            "kl", mean(tf, kl)), MetricKind.LOSS);

    Placeholder<TFloat32> latent =
        tf.withName("latent").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.latentSize())));
    Operand<TFloat32> samples = Layers.reshape(
        tf, tf.math.sigmoid(decode(network, latent, shape)), -1, shape.height(), shape.width(), shape.channels());
    return new ModelGraph(List.of(objective), latent, samples)
        .withEvaluation(evaluation(context, network))
        .withEncoder(encoder(tf, network, shape));
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
    Operand<TFloat32> reconstruction = VariationalBound.reconstruction(tf, decode(network, z, shape), targets);
    Operand<TFloat32> kl = VariationalBound.kl(tf, posterior.mean(), posterior.logVariance());
    Map<String, Operand<TFloat32>> scores = new LinkedHashMap<>();
    scores.put("negative_elbo", tf.math.add(reconstruction, kl));
    scores.put("reconstruction", reconstruction);
    scores.put("kl", kl);

    int samples = samplesPerRun();
    Operand<TFloat32> draws = context.noise().normal(EVALUATION_BATCH, samples, latentSize);
    Operand<TFloat32> mean = tf.expandDims(posterior.mean(), tf.constant(1));
    Operand<TFloat32> logVariance = tf.expandDims(posterior.logVariance(), tf.constant(1));
    Operand<TFloat32> zs = VariationalBound.reparameterize(tf, mean, logVariance, draws);
    Operand<TFloat32> logits = Layers.reshape(
        tf, decode(network, Layers.reshape(tf, zs, -1, latentSize), shape), EVALUATION_BATCH, samples, shape.size());
    Operand<TFloat32> sampleReconstruction = VariationalBound.reconstruction(
        tf, logits, Layers.reshape(tf, targets, EVALUATION_BATCH, 1, shape.size()));
    Operand<TFloat32> logWeights =
        VariationalBound.logImportanceWeights(tf, sampleReconstruction, zs, draws, logVariance);
    return new Evaluation(
        config.binarize().protocol(), images, observations, observed, scores, Optional.of(logWeights));
  }

  /** Images to posterior means, without noise: fixed binarization thresholds, the others take intensities. */
  private Encoder encoder(Ops tf, NetworkBuilder network, ImageShape shape) {
    Placeholder<TFloat32> images = tf.withName("encoder_images").placeholder(
        TFloat32.class, Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
    Operand<TFloat32> input = config.binarize() == Binarization.FIXED ? threshold(tf, images) : images;
    return new Encoder(images, encode(network, input, shape).mean());
  }

  /** Draws of z per image in one run of the importance weights. */
  int samplesPerRun() {
    return config.encoder() == Architecture.CONV ? CONV_SAMPLES_PER_RUN : MLP_SAMPLES_PER_RUN;
  }

  /** The data the likelihood is defined on, under the configured binarization. */
  private Operand<TFloat32> observe(Ops tf, Operand<TFloat32> images, Noise noise) {
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

  /** Latent codes {@code [n, latentSize]} to pixel logits {@code [n, height * width * channels]}. */
  private Operand<TFloat32> decode(NetworkBuilder network, Operand<TFloat32> z, ImageShape shape) {
    Ops tf = network.tf();
    Operand<TFloat32> x = z;
    int width = config.latentSize();
    List<Integer> hidden = config.hiddenLayers();
    for (int i = hidden.size() - 1, layer = 1; i >= 0; i--, layer++) {
      x = tf.nn.relu(Layers.dense(network, "decoder.dense" + layer, x, width, hidden.get(i)));
      width = hidden.get(i);
    }
    if (config.encoder() == Architecture.MLP) {
      return Layers.dense(network, "decoder.logits", x, width, shape.size());
    }
    List<Integer> filters = config.convFilters();
    int scale = 1 << filters.size();
    int height = shape.height() / scale;
    int columns = shape.width() / scale;
    int channels = filters.get(filters.size() - 1);
    x = tf.nn.relu(Layers.dense(network, "decoder.project", x, width, convolvedSize(shape)));
    x = Layers.reshape(tf, x, -1, height, columns, channels);
    for (int i = filters.size() - 1, layer = 1; i >= 0; i--, layer++) {
      int out = i == 0 ? shape.channels() : filters.get(i - 1);
      x = Layers.conv2dTranspose(network, "decoder.conv_transpose" + layer, x, channels, out, KERNEL_SIZE, STRIDE);
      if (i > 0) {
        x = tf.nn.relu(x);
      }
      channels = out;
    }
    return Layers.flatten(tf, x, shape.size());
  }

  /** Values per image after the encoder's convolutions. */
  private int convolvedSize(ImageShape shape) {
    int scale = 1 << config.convFilters().size();
    return (shape.height() / scale) * (shape.width() / scale) * config.convFilters().get(config.convFilters().size() - 1);
  }

  private void requireDivisible(ImageShape shape) {
    if (config.encoder() != Architecture.CONV) {
      return;
    }
    int scale = 1 << config.convFilters().size();
    if (shape.height() % scale != 0 || shape.width() % scale != 0) {
      throw new IllegalArgumentException(
          "model.convFilters: " + config.convFilters().size() + " stride-2 convolutions need image sides divisible by "
              + scale + ", got " + shape.height() + "x" + shape.width());
    }
  }

  private static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> perImage) {
    return tf.math.mean(perImage, tf.constant(0));
  }

  /** The posterior's parameters, each {@code [n, latentSize]}. */
  private record Posterior(Operand<TFloat32> mean, Operand<TFloat32> logVariance) {}
}
