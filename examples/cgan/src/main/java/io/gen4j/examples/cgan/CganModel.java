package io.gen4j.examples.cgan;

import io.gen4j.spi.GraphContext;
import io.gen4j.spi.ImageShape;
import io.gen4j.spi.ModelGraph;
import io.gen4j.spi.Noise;
import io.gen4j.spi.adversarial.AdversarialGraph;
import io.gen4j.spi.adversarial.AdversarialModel;
import io.gen4j.spi.graph.Layers;
import io.gen4j.spi.graph.Mode;
import io.gen4j.spi.graph.NetworkBuilder;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The conditional DCGAN. G: a learned class embedding concatenated to z -> Dense to a quarter of the
 * image size -> BN -> ReLU -> transposed conv 2x -> BN -> ReLU -> transposed conv 2x -> tanh. D (a
 * projection discriminator, Miyato and Koyama 2018): conv 2x -> LeakyReLU -> dropout, twice, to
 * features h; the score is {@code w.h + b + <e(y), h>} with a learned class embedding e. Losses,
 * constraint, updates and sampling come from core's {@link AdversarialGraph#buildConditional}.
 */
final class CganModel extends AdversarialModel {

  private final CganConfig config;

  CganModel(CganConfig config) {
    super(config.adversarial());
    this.config = config;
  }

  /** It reads the real batch's labels: core trains it on labelled datasets only. */
  @Override
  public boolean usesLabels() {
    return true;
  }

  @Override
  public ModelGraph build(GraphContext context) {
    ImageShape shape = context.imageShape();
    if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
      throw new IllegalArgumentException(
          "cgan needs images whose height and width divide by 4 (two 2x upsamplings), got " + shape);
    }
    int classes = context.classCount();
    return AdversarialGraph.buildConditional(context, settings(), config.latentSize(),
        (network, latent, labels, mode) -> generate(network, latent, labels, shape, classes, mode),
        (network, images, labels, mode) -> discriminate(network, images, labels, shape, classes, context.noise(), mode));
  }

  private Operand<TFloat32> generate(
      NetworkBuilder network, Operand<TFloat32> latent, Operand<TInt32> labels, ImageShape shape, int classes,
      Mode mode) {
    Ops tf = network.tf();
    int embedding = config.labelEmbeddingSize();
    Operand<TFloat32> classCode = embed(network, "label_embedding", labels, classes, embedding);
    Operand<TFloat32> input = tf.concat(List.of(latent, classCode), tf.constant(1));
    int height = shape.height() / 4;
    int width = shape.width() / 4;
    int projection = config.generatorFilters().get(0);
    int upsampled = config.generatorFilters().get(1);
    Operand<TFloat32> x = Layers.dense(network, "project", input, config.latentSize() + embedding,
        height * width * projection);
    x = Layers.reshape(tf, x, -1, height, width, projection);
    x = tf.nn.relu(Layers.batchNorm(network, "project_bn", x, projection, config.batchNormMomentum(), mode));
    x = Layers.conv2dTranspose(network, "up1", x, projection, upsampled, config.kernelSize(), 2);
    x = tf.nn.relu(Layers.batchNorm(network, "up1_bn", x, upsampled, config.batchNormMomentum(), mode));
    x = Layers.conv2dTranspose(network, "up2", x, upsampled, shape.channels(), config.kernelSize(), 2);
    return tf.math.tanh(x);
  }

  private Operand<TFloat32> discriminate(
      NetworkBuilder network, Operand<TFloat32> images, Operand<TInt32> labels, ImageShape shape, int classes,
      Noise noise, Mode mode) {
    Ops tf = network.tf();
    int first = config.discriminatorFilters().get(0);
    int second = config.discriminatorFilters().get(1);
    Operand<TFloat32> x = Layers.conv2d(network, "conv1", images, shape.channels(), first, config.kernelSize(), 2);
    x = Layers.dropout(tf, Layers.leakyRelu(tf, x, config.leakySlope()), config.dropout(), noise, mode);
    x = Layers.conv2d(network, "conv2", x, first, second, config.kernelSize(), 2);
    x = Layers.dropout(tf, Layers.leakyRelu(tf, x, config.leakySlope()), config.dropout(), noise, mode);
    int size = (shape.height() / 4) * (shape.width() / 4) * second;
    Operand<TFloat32> features = Layers.flatten(tf, x, size);
    Operand<TFloat32> unconditional = Layers.dense(network, "output", features, size, 1);
    Operand<TFloat32> projection = tf.reduceSum(
        tf.math.mul(features, embed(network, "label_projection", labels, classes, size)), tf.constant(new int[] {1}));
    return tf.math.add(unconditional, Layers.reshape(tf, projection, -1, 1));
  }

  /** Rows of a learned {@code [classes, size]} table, one per label: one-hot labels times the table. */
  private static Operand<TFloat32> embed(
      NetworkBuilder network, String name, Operand<TInt32> labels, int classes, int size) {
    Ops tf = network.tf();
    Variable<TFloat32> table = network.variable(name, () -> Layers.glorotUniform(network, name, classes, size));
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.linalg.matMul(oneHot, table);
  }
}
