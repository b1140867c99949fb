package io.gen4j.examples.margin;

import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.adversarial.AdversarialSettings;

/**
 * The {@code model} section of a {@code margin-gan} experiment.
 *
 * @param latentSize size of the noise vector z; default 64
 * @param hiddenWidth width of each network's hidden layer; default 256
 * @param margin the hinge loss's margin, greater than 0; default 1
 * @param discriminatorSteps discriminator updates per generator update; default 1
 */
public record MarginGanConfig(int latentSize, int hiddenWidth, float margin, int discriminatorSteps)
    implements ModelConfig {

  /** The defaults. */
  public static final MarginGanConfig DEFAULT = new MarginGanConfig(64, 256, 1f, 1);

  public MarginGanConfig {
    ConfigChecks.size("latentSize", latentSize);
    ConfigChecks.size("hiddenWidth", hiddenWidth);
    if (!(margin > 0) || Float.isInfinite(margin)) {
      throw new InvalidConfigException("margin", "must be greater than 0, got " + margin);
    }
    ConfigChecks.atLeastOne("discriminatorSteps", discriminatorSteps);
  }

  /** Core's adversarial settings: the margin hinge loss, this many critic steps. */
  AdversarialSettings adversarial() {
    return AdversarialSettings.builder(new MarginHingeLoss(margin)).discriminatorSteps(discriminatorSteps).build();
  }
}
