package io.gen4j.spi.adversarial;

import static io.gen4j.spi.adversarial.AdversarialLoss.mean;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gen4j.spi.Metric;
import io.gen4j.spi.MetricKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The adversarial losses gen4j ships, selected in configs by {@code model.loss} under these JSON names.
 * Each is an {@link AdversarialLoss}; a plugin brings another by implementing that interface.
 */
public enum StandardLoss implements AdversarialLoss {

  /**
   * Goodfellow et al.'s minimax game: D minimizes binary cross-entropy, G minimizes log(1 - D(G(z))),
   * which saturates early in training.
   */
  @JsonProperty("minimax")
  MINIMAX("minimax") {
    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return tf.math.neg(mean(tf, tf.math.softplus(scores.fake())));
    }
  },

  /** D minimizes binary cross-entropy; G maximizes log D(G(z)) instead, for strong early gradients. */
  @JsonProperty("non-saturating")
  NON_SATURATING("non-saturating") {
    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return mean(tf, tf.math.softplus(tf.math.neg(scores.fake())));
    }
  },

  /** Arjovsky et al.: the critic maximizes E[C(x)] - E[C(G(z))]; needs a Lipschitz constraint. */
  @JsonProperty("wasserstein")
  WASSERSTEIN("wasserstein") {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
      return tf.math.sub(mean(tf, scores.fake()), mean(tf, scores.real()));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return tf.math.neg(mean(tf, scores.fake()));
    }

    @Override
    public boolean needsLipschitzConstraint() {
      return true;
    }

    /** The raw scores and {@code wasserstein_estimate}, mean C(x) - mean C(G(z)). */
    @Override
    public Map<String, Metric> metrics(Ops tf, Scores scores) {
      Map<String, Metric> metrics = new LinkedHashMap<>(super.metrics(tf, scores));
      metrics.put("wasserstein_estimate",
          new Metric(tf.math.sub(mean(tf, scores.real()), mean(tf, scores.fake())), MetricKind.OTHER));
      return metrics;
    }
  },

  /** Lim and Ye / Miyato et al.: D minimizes E[relu(1 - D(x))] + E[relu(1 + D(G(z)))]; G maximizes E[D(G(z))]. */
  @JsonProperty("hinge")
  HINGE("hinge") {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
      Operand<TFloat32> one = tf.constant(1f);
      return tf.math.add(
          mean(tf, tf.nn.relu(tf.math.sub(one, scores.real()))), mean(tf, tf.nn.relu(tf.math.add(one, scores.fake()))));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return tf.math.neg(mean(tf, scores.fake()));
    }
  },

  /** Mao et al.'s LSGAN (a=0, b=c=1): D minimizes ½E[(D(x)-1)²] + ½E[D(G(z))²]; G minimizes ½E[(D(G(z))-1)²]. */
  @JsonProperty("least-squares")
  LEAST_SQUARES("least-squares") {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
      Operand<TFloat32> half = tf.constant(0.5f);
      Operand<TFloat32> realTerm = mean(tf, tf.math.square(tf.math.sub(scores.real(), tf.constant(1f))));
      Operand<TFloat32> fakeTerm = mean(tf, tf.math.square(scores.fake()));
      return tf.math.mul(half, tf.math.add(realTerm, fakeTerm));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Scores scores) {
      return tf.math.mul(tf.constant(0.5f), mean(tf, tf.math.square(tf.math.sub(scores.fake(), tf.constant(1f)))));
    }
  };

  private final String id;

  StandardLoss(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Binary cross-entropy with real labelled 1 and fake 0, {@code E[softplus(-real)] + E[softplus(fake)]},
   * unless a loss overrides it.
   */
  @Override
  public Operand<TFloat32> discriminator(Ops tf, Scores scores) {
    return tf.math.add(
        mean(tf, tf.math.softplus(tf.math.neg(scores.real()))), mean(tf, tf.math.softplus(scores.fake())));
  }

  /**
   * For the cross-entropy losses, D's mean output probabilities {@code d_real} = mean D(x) and {@code
   * d_fake} = mean D(G(z)), scores in [0, 1]; for the others the raw scores.
   */
  @Override
  public Map<String, Metric> metrics(Ops tf, Scores scores) {
    if (this != MINIMAX && this != NON_SATURATING) {
      return AdversarialLoss.super.metrics(tf, scores);
    }
    Map<String, Metric> metrics = new LinkedHashMap<>();
    metrics.put("d_real", new Metric(mean(tf, tf.math.sigmoid(scores.real())), MetricKind.UNIT_SCORE));
    metrics.put("d_fake", new Metric(mean(tf, tf.math.sigmoid(scores.fake())), MetricKind.UNIT_SCORE));
    return metrics;
  }
}
