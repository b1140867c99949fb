package io.gen4j.models.vae;

import io.gen4j.spi.ConfigChecks;
import io.gen4j.spi.InvalidConfigException;
import io.gen4j.spi.ModelConfig;
import java.util.List;

/**
 * The {@code model} section of a {@code vae} experiment: a variational autoencoder with a diagonal
 * Gaussian latent, a standard normal prior and a Bernoulli likelihood.
 *
 * @param latentSize size of the latent vector z; default 20
 * @param encoder the kind of networks, {@code mlp} (default) or {@code conv}
 * @param hiddenLayers widths of the encoder's hidden layers, each followed by ReLU; the decoder uses them
 *     in reverse; may be empty; default [512, 256]
 * @param convFilters with {@code encoder: conv}, filters of the stride-2 3x3 convolutions before the
 *     hidden layers; default [32, 64]
 * @param beta weight of the KL term in the loss, at least 0 (1 is the ELBO, Higgins et al.'s beta-VAE
 *     above 1); default 1
 * @param binarize how intensities become Bernoulli data: {@code dynamic} (default), {@code fixed} or
 *     {@code none}; see {@link Binarization}
 */
public record VaeConfig(
    int latentSize,
    Architecture encoder,
    List<Integer> hiddenLayers,
    List<Integer> convFilters,
    float beta,
    Binarization binarize) implements ModelConfig {

  /** The defaults listed above. */
  public static final VaeConfig DEFAULT =
      new VaeConfig(20, Architecture.MLP, List.of(512, 256), List.of(32, 64), 1f, Binarization.DYNAMIC);

  public VaeConfig {
    ConfigChecks.size("latentSize", latentSize);
    if (encoder == null) {
      throw new InvalidConfigException("encoder", "must be one of mlp, conv");
    }
    hiddenLayers = widths("hiddenLayers", hiddenLayers, false);
    convFilters = widths("convFilters", convFilters, encoder == Architecture.CONV);
    if (!(beta >= 0) || Float.isInfinite(beta)) {
      throw new InvalidConfigException("beta", "must be a finite number of at least 0, got " + beta);
    }
    if (binarize == null) {
      throw new InvalidConfigException("binarize", "must be one of dynamic, fixed, none");
    }
  }

  private static List<Integer> widths(String field, List<Integer> widths, boolean required) {
    if (widths == null) {
      throw new InvalidConfigException(field, "must be an array of widths");
    }
    if (required && widths.isEmpty()) {
      throw new InvalidConfigException(field, "must list at least one layer with encoder conv");
    }
    for (int i = 0; i < widths.size(); i++) {
      Integer width = widths.get(i);
      if (width == null) {
        throw new InvalidConfigException(field + "[" + i + "]", "must be at least 1, got null");
      }
      ConfigChecks.size(field + "[" + i + "]", width);
    }
    return List.copyOf(widths);
  }
}
