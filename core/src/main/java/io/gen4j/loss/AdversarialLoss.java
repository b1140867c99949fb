package io.gen4j.loss;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The losses a GAN's discriminator (critic) and generator minimize, on the discriminator's raw outputs
 * (logits) for real and generated images. Selected in configs by {@code model.loss}.
 */
public enum AdversarialLoss {

  /**
   * Goodfellow et al.'s minimax game: D minimizes binary cross-entropy, G minimizes log(1 - D(G(z))),
   * which saturates early in training.
   */
  @JsonProperty("minimax")
  MINIMAX(false) {
    @Override
    public Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake) {
      return tf.math.neg(mean(tf, tf.math.softplus(fake)));
    }
  },

  /** D minimizes binary cross-entropy; G maximizes log D(G(z)) instead, for strong early gradients. */
  @JsonProperty("non-saturating")
  NON_SATURATING(false) {
    @Override
    public Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake) {
      return mean(tf, tf.math.softplus(tf.math.neg(fake)));
    }
  },

  /** Arjovsky et al.: the critic maximizes E[C(x)] - E[C(G(z))]; needs a Lipschitz constraint. */
  @JsonProperty("wasserstein")
  WASSERSTEIN(true) {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      return tf.math.sub(mean(tf, fake), mean(tf, real));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake) {
      return tf.math.neg(mean(tf, fake));
    }
  },

  /** Lim and Ye / Miyato et al.: D minimizes E[relu(1 - D(x))] + E[relu(1 + D(G(z)))]; G maximizes E[D(G(z))]. */
  @JsonProperty("hinge")
  HINGE(false) {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      Operand<TFloat32> one = tf.constant(1f);
      return tf.math.add(
          mean(tf, tf.nn.relu(tf.math.sub(one, real))), mean(tf, tf.nn.relu(tf.math.add(one, fake))));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake) {
      return tf.math.neg(mean(tf, fake));
    }
  },

  /** Mao et al.'s LSGAN (a=0, b=c=1): D minimizes ½E[(D(x)-1)²] + ½E[D(G(z))²]; G minimizes ½E[(D(G(z))-1)²]. */
  @JsonProperty("least-squares")
  LEAST_SQUARES(false) {
    @Override
    public Operand<TFloat32> discriminator(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
      Operand<TFloat32> half = tf.constant(0.5f);
      Operand<TFloat32> realTerm = mean(tf, tf.math.square(tf.math.sub(real, tf.constant(1f))));
      Operand<TFloat32> fakeTerm = mean(tf, tf.math.square(fake));
      return tf.math.mul(half, tf.math.add(realTerm, fakeTerm));
    }

    @Override
    public Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake) {
      return tf.math.mul(tf.constant(0.5f), mean(tf, tf.math.square(tf.math.sub(fake, tf.constant(1f)))));
    }
  };

  private final boolean wasserstein;

  AdversarialLoss(boolean wasserstein) {
    this.wasserstein = wasserstein;
  }

  /** Whether this is a Wasserstein loss, whose critic needs a Lipschitz constraint. */
  public boolean isWasserstein() {
    return wasserstein;
  }

  /**
   * The discriminator's loss. By default binary cross-entropy with real labelled 1 and fake 0: {@code
   * E[softplus(-real)] + E[softplus(fake)]}.
   */
  public Operand<TFloat32> discriminator(Ops tf, Operand<TFloat32> real, Operand<TFloat32> fake) {
    return tf.math.add(
        mean(tf, tf.math.softplus(tf.math.neg(real))), mean(tf, tf.math.softplus(fake)));
  }

  /** The generator's loss on the discriminator's logits for generated images. */
  public abstract Operand<TFloat32> generator(Ops tf, Operand<TFloat32> fake);

  /** Binary cross-entropy of logits {@code x} against labels {@code z}: {@code softplus(x) - x z}. */
  public static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    return tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, labels));
  }

  /** Mean over every element. */
  static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
  }
}
