package io.gen4j.examples.cgan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import io.gen4j.spi.adversarial.AdversarialSettings;
import io.gen4j.spi.adversarial.LipschitzConstraint;
import io.gen4j.spi.adversarial.StandardLoss;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The {@code model} section of a {@code cgan} experiment. Every field has a default, so a config names
 * only what it changes; the compact constructor validates them, naming the field.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param labelEmbeddingSize size of the learned class embedding the generator reads beside z; default 50
 * @param generatorFilters the dense projection's depth at a quarter of the image size, then the depth of
 *     the transposed convolution that doubles it; default [128, 64] (7x7x128, 14x14x64, 28x28xC)
 * @param discriminatorFilters channels of the discriminator's two stride-2 convolutions; default [32, 64]
 * @param kernelSize side of every convolution kernel; default 5
 * @param dropout the discriminator's dropout rate after each convolution, in [0, 1); default 0.3
 * @param leakySlope the discriminator's LeakyReLU slope, in [0, 1); default 0.2
 * @param batchNormMomentum momentum of the generator's batch norm moving averages, in [0, 1); default 0.9
 * @param loss the adversarial loss; default {@code non-saturating}
 * @param constraint the critic's Lipschitz constraint, with the wasserstein loss; default {@code none}
 */
public record CganConfig(
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Size of the noise vector z.")
    int latentSize,
    @Min(1) @Max(ConfigChecks.MAX_SIZE)
    @JsonPropertyDescription("Size of the learned class embedding the generator reads beside z.")
    int labelEmbeddingSize,
    @Size(min = 2, max = 2)
    @JsonPropertyDescription("The generator's channels: the projection's, then the first upsampling's.")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> generatorFilters,
    @Size(min = 2, max = 2) @JsonPropertyDescription("Channels of the discriminator's two stride-2 convolutions.")
    List<@Min(1) @Max(ConfigChecks.MAX_SIZE) Integer> discriminatorFilters,
    @Min(1) @Max(ConfigChecks.MAX_SIZE) @JsonPropertyDescription("Side of every convolution kernel.")
    int kernelSize,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("The discriminator's dropout rate after each convolution.")
    float dropout,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("The discriminator's LeakyReLU slope for negative inputs.")
    float leakySlope,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
    @JsonPropertyDescription("Momentum of the generator's batch norm moving averages.")
    float batchNormMomentum,
    @JsonPropertyDescription("The adversarial loss: minimax, non-saturating, wasserstein, hinge or least-squares.")
    StandardLoss loss,
    @JsonPropertyDescription("The critic's Lipschitz constraint: none, weight-clipping or gradient-penalty;"
        + " required with wasserstein, refused with the other losses.")
    LipschitzConstraint constraint) implements ModelConfig {

  /** The defaults listed above. */
  public static final CganConfig DEFAULT = new CganConfig(100, 50, List.of(128, 64), List.of(32, 64), 5, 0.3f, 0.2f,
      0.9f, StandardLoss.NON_SATURATING, LipschitzConstraint.NONE);

  public CganConfig {
    ConfigChecks.size("latentSize", latentSize);
    ConfigChecks.size("labelEmbeddingSize", labelEmbeddingSize);
    generatorFilters = ConfigChecks.sizes("generatorFilters", generatorFilters, "channel count");
    if (generatorFilters.size() != 2) {
      throw new InvalidConfigException("generatorFilters",
          "must list 2 channel counts (the projection's, then the first upsampling's), got " + generatorFilters.size());
    }
    discriminatorFilters = ConfigChecks.sizes("discriminatorFilters", discriminatorFilters, "channel count");
    if (discriminatorFilters.size() != 2) {
      throw new InvalidConfigException("discriminatorFilters",
          "must list 2 channel counts (one per stride-2 convolution), got " + discriminatorFilters.size());
    }
    ConfigChecks.size("kernelSize", kernelSize);
    ConfigChecks.inUnitInterval("dropout", dropout);
    ConfigChecks.inUnitInterval("leakySlope", leakySlope);
    ConfigChecks.inUnitInterval("batchNormMomentum", batchNormMomentum);
    adversarial(loss, constraint);
  }

  /** The settings of core's adversarial graph: this loss and constraint, one critic step per generator step. */
  AdversarialSettings adversarial() {
    return adversarial(loss, constraint);
  }

  private static AdversarialSettings adversarial(StandardLoss loss, LipschitzConstraint constraint) {
    return AdversarialSettings.builder(loss).constraint(constraint).build();
  }
}
