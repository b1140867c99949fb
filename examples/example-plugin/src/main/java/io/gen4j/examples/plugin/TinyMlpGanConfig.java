package io.gen4j.examples.plugin;

import io.gen4j.loss.AdversarialLoss;
import io.gen4j.loss.LipschitzConstraint;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.train.adversarial.AdversarialSettings;

/**
 * The {@code model} section of {@code tiny-mlp-gan}. Validation happens here, in the compact constructor:
 * core reports an {@link InvalidConfigException} with the config file and the JSON path.
 *
 * @param latentSize size of the noise vector z; default 64
 * @param hiddenWidth width of the single hidden layer of each network; default 128
 * @param loss the adversarial loss; default {@code non-saturating}
 * @param constraint the critic's Lipschitz constraint (needed with {@code wasserstein}); default {@code none}
 */
public record TinyMlpGanConfig(int latentSize, int hiddenWidth, AdversarialLoss loss, LipschitzConstraint constraint)
    implements ModelConfig {

  /** The defaults. */
  public static final TinyMlpGanConfig DEFAULT =
      new TinyMlpGanConfig(64, 128, AdversarialLoss.NON_SATURATING, LipschitzConstraint.NONE);

  public TinyMlpGanConfig {
    ConfigChecks.size("latentSize", latentSize);
    ConfigChecks.size("hiddenWidth", hiddenWidth);
    adversarial(loss, constraint);
  }

  /** The settings of core's shared adversarial graph: one discriminator step per generator step. */
  AdversarialSettings adversarial() {
    return adversarial(loss, constraint);
  }

  private static AdversarialSettings adversarial(AdversarialLoss loss, LipschitzConstraint constraint) {
    return new AdversarialSettings(loss, constraint, AdversarialSettings.DEFAULT_GRADIENT_PENALTY_WEIGHT,
        AdversarialSettings.DEFAULT_CLIP_VALUE, 1, null);
  }
}
