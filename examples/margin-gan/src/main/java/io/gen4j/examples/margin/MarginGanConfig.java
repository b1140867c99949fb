package io.gen4j.examples.margin;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.adversarial.AdversarialSettings;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code model} section of a {@code margin-gan} experiment.
 *
 * @param latentSize size of the noise vector z; default 64
 * @param hiddenWidth width of each network's hidden layer; default 256
 * @param margin the hinge loss's margin, greater than 0; default 1
 * @param discriminatorSteps discriminator updates per generator update; default 1
 */
public record MarginGanConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the noise vector z.")
    int latentSize,
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Width of each network's hidden layer.")
    int hiddenWidth,
    @DecimalMin(value = "0", inclusive = false) @JsonPropertyDescription("The hinge loss's margin.")
    float margin,
    @Min(1) @JsonPropertyDescription("Discriminator updates per generator update.")
    int discriminatorSteps) implements ModelConfig {

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
