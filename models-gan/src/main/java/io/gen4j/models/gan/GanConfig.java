package io.gen4j.models.gan;

import io.gen4j.loss.AdversarialLoss;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import java.util.List;

/**
 * The {@code model} section of a {@code gan} experiment: the classic MNIST MLP GAN.
 *
 * @param latentSize size of the noise vector z; default 100
 * @param generatorLayers widths of the generator's hidden layers; default [256, 512, 1024]
 * @param discriminatorLayers widths of the discriminator's hidden layers; default [512, 256]
 * @param leakySlope slope of LeakyReLU for negative inputs, in [0, 1); default 0.2
 * @param batchNormMomentum momentum of the generator's batch norm moving averages, in [0, 1); default 0.8
 * @param loss the adversarial loss; default {@code non-saturating}, or {@code minimax} for the original
 *     log(1 - D(G(z)))
 * @param discriminatorSteps discriminator updates per generator update, at least 1; default 1
 */
public record GanConfig(
    int latentSize,
    List<Integer> generatorLayers,
    List<Integer> discriminatorLayers,
    float leakySlope,
    float batchNormMomentum,
    AdversarialLoss loss,
    int discriminatorSteps) implements ModelConfig {

  /** The defaults listed above. */
  public static final GanConfig DEFAULT =
      new GanConfig(100, List.of(256, 512, 1024), List.of(512, 256), 0.2f, 0.8f, AdversarialLoss.NON_SATURATING, 1);

  public GanConfig {
    if (latentSize < 1) {
      throw new InvalidConfigException("latentSize", "must be at least 1, got " + latentSize);
    }
    generatorLayers = widths("generatorLayers", generatorLayers);
    discriminatorLayers = widths("discriminatorLayers", discriminatorLayers);
    if (!(leakySlope >= 0 && leakySlope < 1)) {
      throw new InvalidConfigException("leakySlope", "must be in [0, 1), got " + leakySlope);
    }
    if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
      throw new InvalidConfigException("batchNormMomentum", "must be in [0, 1), got " + batchNormMomentum);
    }
    if (loss == null) {
      throw new InvalidConfigException("loss", "must be one of minimax, non-saturating");
    }
    if (loss != AdversarialLoss.MINIMAX && loss != AdversarialLoss.NON_SATURATING) {
      throw new InvalidConfigException(
          "loss", "the gan model supports minimax and non-saturating, got " + loss.name().toLowerCase().replace('_', '-'));
    }
    if (discriminatorSteps < 1) {
      throw new InvalidConfigException("discriminatorSteps", "must be at least 1, got " + discriminatorSteps);
    }
  }

  private static List<Integer> widths(String field, List<Integer> widths) {
    if (widths == null || widths.isEmpty()) {
      throw new InvalidConfigException(field, "must list at least one layer width");
    }
    for (int i = 0; i < widths.size(); i++) {
      Integer width = widths.get(i);
      if (width == null || width < 1) {
        throw new InvalidConfigException(field + "[" + i + "]", "must be at least 1, got " + width);
      }
    }
    return List.copyOf(widths);
  }
}
